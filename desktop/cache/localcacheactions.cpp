// LocalCache: the reply_to of my own pending reply (cache step 7 added
// messages.reply_to, messages.forwarded and outbox.reply_to; storeMessage()
// keeps both from history and events, the outbox keeps a queued reply's).
#include "localcache.h"

namespace Palomar::Desktop {

void LocalCache::setReplyTo(qint64 localId, qint64 replyTo)
{
    beginWrite();
    QSqlQuery &update = prepared(QStringLiteral("UPDATE messages SET reply_to = ? WHERE id = ?"));
    update.addBindValue(replyTo);
    update.addBindValue(localId);
    exec(update);
}

} // namespace Palomar::Desktop
