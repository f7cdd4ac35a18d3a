#pragma once

#include <QObject>

#include <initializer_list>

class QSocketNotifier;

namespace Palomar::Platform {

// Turns signals such as SIGINT/SIGTERM (Ctrl-C) into a Qt signal through a
// self-pipe: the C handler only writes one byte, everything else happens in
// the event loop. One instance per process; the server, palomar-cli and the
// desktop app all use it.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(std::initializer_list<int> signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void signalReceived(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
    QList<int> m_signals;
};

} // namespace Palomar::Platform
