#pragma once

#include <QObject>

class QSocketNotifier;

namespace Palomar::Server {

// Turns SIGINT and SIGTERM into a Qt signal on the main thread through a
// self-pipe: the C handler only writes one byte, everything else runs in the
// event loop.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void stopRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Palomar::Server
