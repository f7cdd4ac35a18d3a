#pragma once

#include <QObject>

class QSocketNotifier;

namespace Palomar::Desktop {

// Turns SIGINT and SIGTERM into a Qt signal with the self-pipe trick: the
// handler only writes one byte to a socket pair; a QSocketNotifier reads it
// in the event loop, where it is safe to log out and quit. One per process.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Palomar::Desktop
