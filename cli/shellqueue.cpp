// Lines from a pipe run one after the other: the next waits until what the
// one before asked of the server is answered, so a script reads the answers
// (and errors) in the order of its lines. Typed lines run at once.
#include "shell.h"

#include "terminal.h"

#include "client/clientsession.h"

#include <QEvent>
#include <QTimer>

namespace Palomar::Cli {

namespace {
// Requests the session makes by itself, never waited for.
bool isBackground(const QString &op)
{
    return op == QLatin1String("sync") || op == QLatin1String("ping") ||
           op == QLatin1String("hello") || op == QLatin1String("resume");
}
} // namespace

void Shell::takeLine(const QString &line)
{
    if (m_terminal->isInteractive()) {
        onLine(line);
        return;
    }
    m_queuedLines.append(line);
    runQueuedLines();
}

bool Shell::isBusy() const
{
    if (m_stage != Stage::Chatting && m_stage != Stage::Leaving)
        return true; // not logged in yet: the lines wait
    if (!m_pendingTexts.isEmpty())
        return true;
    for (const QPointer<Client::FileTransfer> &transfer : m_transfers) {
        if (transfer && transfer->isActive())
            return true;
    }
    const QList<Client::Reply *> replies =
        m_session->findChildren<Client::Reply *>(Qt::FindDirectChildrenOnly);
    for (const Client::Reply *reply : replies) {
        if (!reply->isFinished() && !isBackground(reply->op()))
            return true;
    }
    return false;
}

void Shell::runQueuedLines()
{
    if (m_stage == Stage::Leaving)
        return;
    while (!m_queuedLines.isEmpty() && !isBusy()) {
        onLine(m_queuedLines.takeFirst());
        if (m_stage == Stage::Leaving)
            return;
    }
    if (m_inputEnded && m_queuedLines.isEmpty() && (m_terminal->isInteractive() || !isBusy()))
        quit(m_exitStatus);
}

bool Shell::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_session && event->type() == QEvent::ChildRemoved && !m_queueCheckPending &&
        (!m_queuedLines.isEmpty() || m_inputEnded)) {
        // Once the removal is over and what the reply's answer started has begun.
        m_queueCheckPending = true;
        QTimer::singleShot(0, this, [this] {
            m_queueCheckPending = false;
            runQueuedLines();
        });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Palomar::Cli
