#pragma once

#include "store/storerecords.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Palomar::Server {

class Store;

// What a history item gains beyond its row, for history and search alike:
// its `file`, the message changes (reply_to, forwarded, edited, a tombstone:
// MessageChangeHandler::annotate), `reactions` (emoji -> sorted names) when
// there are any, and `system` for a group system line (which has no delivery
// `status`). Loaded once per page of one chat.
class HistoryExtras
{
public:
    HistoryExtras() = default;
    HistoryExtras(Store &store, const QString &chat, const QList<qint64> &messageIds);
    // Call after the row's own fields (and `status`) are in `message`.
    void apply(qint64 messageId, QJsonObject &message) const;

private:
    QHash<qint64, QJsonObject> m_files;
    QHash<qint64, MessageChanges> m_changes; // reply_to, forwarded, edited, deleted
    QHash<qint64, QHash<QString, QStringList>> m_reactions;
    QHash<qint64, QByteArray> m_system;
};

} // namespace Palomar::Server
