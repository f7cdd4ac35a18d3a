#pragma once

#include "output.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace Palomar::Client {
class ClientSession;
} // namespace Palomar::Client

namespace Palomar::Cli {

// Turns a receipt into the line people read: which of my messages it is
// about (“its text”, or the file “name”) and the group's name, asking the
// server for what this run has not seen (the message, the group list).
class ReceiptNamer : public QObject
{
    Q_OBJECT
public:
    ReceiptNamer(Client::ClientSession *session, Output *output, QObject *parent);

    // A message of mine seen in this run (history, or just sent).
    void remember(const Client::Message &message);
    void rememberText(qint64 msgId, const QString &text);
    // Calls `done` with the line: at once when all is known, else once the
    // server has answered (the line then says "your message #ID" if it could not tell).
    void describe(const Client::Receipt &receipt, std::function<void(const QString &)> done);

private:
    void describeKnown(const Client::Receipt &receipt,
                       const std::function<void(const QString &)> &done);

    Client::ClientSession *m_session;
    Output *m_output;
    QHash<qint64, QString> m_about; // msg_id -> Output::about() of it
};

} // namespace Palomar::Cli
