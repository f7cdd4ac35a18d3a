#pragma once

#include "client/types.h"

#include <QDialog>

class QLabel;
class QVBoxLayout;

namespace Palomar::Desktop {

// "Message info" for one of my group messages: who has read it, who has
// received it, who has not yet, each with the time (from message_info).
class MessageInfoDialog : public QDialog
{
    Q_OBJECT
public:
    MessageInfoDialog(const QString &text, QWidget *parent = nullptr);

    void setInfo(const Client::MessageInfo &info);
    void setError(const QString &message);

private:
    void addSection(const QString &title, const QList<std::pair<QString, qint64>> &rows);

    QLabel *m_status;
    QVBoxLayout *m_sections;
};

} // namespace Palomar::Desktop
