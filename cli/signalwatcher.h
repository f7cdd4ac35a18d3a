#pragma once

#include <QObject>

#include <initializer_list>

class QSocketNotifier;

namespace Palomar::Cli {

// Turns SIGINT/SIGTERM into a Qt signal through a self-pipe: the handler
// only writes one byte, everything else happens in the event loop. One
// instance per process.
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

} // namespace Palomar::Cli
