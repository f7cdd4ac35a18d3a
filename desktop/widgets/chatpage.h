#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace Palomar::Desktop {

class ChatView;
class ComposeEdit;
class MessageModel;

// The right-hand pane for one open chat: a header with the peer's avatar,
// name and presence, the message view, and the compose bar with its send
// button. It shows the MessageModel it is given and reports what the user
// asked for (send, retry); it keeps no messages itself.
class ChatPage : public QWidget
{
    Q_OBJECT
public:
    explicit ChatPage(MessageModel *model, QWidget *parent = nullptr);

    void setPeer(const QString &peer);
    void setPresence(bool online, qint64 lastSeen);
    void setWaitingForNetwork();
    ChatView *view() const { return m_view; }
    ComposeEdit *composeEdit() const { return m_compose; }

signals:
    void sendRequested(const QString &text);
    void retryRequested(const QString &clientId);

private:
    void submitCompose();

    QWidget *m_avatar;
    QLabel *m_name;
    QLabel *m_presence;
    ChatView *m_view;
    ComposeEdit *m_compose;
    QToolButton *m_send;
    QString m_peer;
};

} // namespace Palomar::Desktop
