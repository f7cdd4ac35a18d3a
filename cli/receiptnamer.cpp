#include "receiptnamer.h"

#include "client/clientsession.h"

namespace Palomar::Cli {

using Client::Reply;

ReceiptNamer::ReceiptNamer(Client::ClientSession *session, Output *output, QObject *parent)
    : QObject(parent), m_session(session), m_output(output)
{}

void ReceiptNamer::remember(const Client::Message &message)
{
    if (message.from.compare(m_session->user(), Qt::CaseInsensitive) == 0)
        m_about.insert(message.msgId, m_output->about(message));
}

void ReceiptNamer::rememberText(qint64 msgId, const QString &text)
{
    m_about.insert(msgId, m_output->about(text));
}

void ReceiptNamer::describe(const Client::Receipt &receipt,
                            std::function<void(const QString &)> done)
{
    // A group this run has not named yet: its name first.
    if (receipt.isGroupReceipt() && !m_output->knowsGroup(receipt.group)) {
        Reply *reply = m_session->groups();
        connect(reply, &Reply::finished, this, [this, reply, receipt, done] {
            if (reply->isOk())
                m_output->setGroupNames(Client::groupsFromReply(reply->result()));
            if (!m_output->knowsGroup(receipt.group))
                m_output->setGroupName(receipt.group, QString()); // "#ID"; ask once only
            describe(receipt, done);
        });
        return;
    }
    if (m_about.contains(receipt.msgId)) {
        describeKnown(receipt, done);
        return;
    }
    // The newest message before msg_id + 1 is that message.
    Reply *reply = receipt.isGroupReceipt()
                       ? m_session->groupHistory(receipt.group, receipt.msgId + 1, 1)
                       : m_session->history(receipt.by, receipt.msgId + 1, 1);
    connect(reply, &Reply::finished, this, [this, reply, receipt, done] {
        if (reply->isOk()) {
            const QList<Client::Message> messages = Client::messagesFromHistory(reply->result());
            for (const Client::Message &message : messages) {
                if (message.msgId == receipt.msgId)
                    remember(message);
            }
        }
        describeKnown(receipt, done);
    });
}

void ReceiptNamer::describeKnown(const Client::Receipt &receipt,
                                 const std::function<void(const QString &)> &done)
{
    done(m_output->receipt(receipt, m_about.value(receipt.msgId)));
}

} // namespace Palomar::Cli
