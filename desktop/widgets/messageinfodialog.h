#pragma once

#include "client/types.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QVBoxLayout;

namespace Palomar::Desktop {

class People;

// "Message info" for one of my group messages: who has read it, who has
// received it, who has not yet, each with the time (from message_info).
class MessageInfoDialog : public QDialog
{
    Q_OBJECT
public:
    MessageInfoDialog(const QString &text, QWidget *parent = nullptr);

    // Where display names come from (set before the sections); unset: usernames.
    void setPeople(const People *people) { m_people = people; }
    void setInfo(const Client::MessageInfo &info);
    // Who reacted with what (emoji -> users), as a section of its own.
    void setReactions(const QMap<QString, QStringList> &reactions);
    void setError(const QString &message);

private:
    // Rows of a user and a time (0: none), or the user's text in `trailing`.
    void addSection(const QString &title, const QList<std::pair<QString, qint64>> &rows,
                    const QHash<QString, QString> &trailing = {});

    const People *m_people = nullptr;
    QLabel *m_status;
    QVBoxLayout *m_sections;
};

} // namespace Palomar::Desktop
