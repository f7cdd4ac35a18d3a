#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace Palomar::Client {
class ClientSession;
class MessageSearch;
struct SearchPage;
} // namespace Palomar::Client

namespace Palomar::Desktop {

class ChatView;

// Ctrl+F in the open chat: a bar above the history that finds text in the
// messages loaded so far (more come as older history is paged in). Every
// match is marked; the current one is centred and marked more strongly.
// Matches count from the newest: Enter or Up goes to the next older one,
// Shift+Enter or Down back to a newer one, Esc closes the bar.
// When the server speaks `search` (setSession()), the bar searches the whole
// chat there instead (250 ms after the last key, stale answers dropped): the
// results walk newest first, and one not loaded yet is asked for with
// revealRequested() (ChatPage::revealMessage loads the history back to it).
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(ChatView *view, QWidget *parent = nullptr);

    // Shows the bar with its field focused and its text selected.
    void open();
    // Hides the bar and its marks.
    void dismiss();
    void setText(const QString &text);
    void findOlder();
    void findNewer();
    int matchCount() const { return int(m_matches.size()); }
    // 1-based, counted from the newest; 0 when nothing matches.
    int currentMatch() const { return m_matches.isEmpty() ? 0 : m_current + 1; }
    QLineEdit *field() const { return m_field; }
    QLabel *countLabel() const { return m_count; }
    // Searches at the server when `session` lists the `search` feature
    // (nullptr: the loaded history only).
    void setSession(Client::ClientSession *session);
    // The server is searched (else the loaded history).
    bool searchesServer() const;
    // Server search: the msg_id of the current result (0: none).
    qint64 currentMsgId() const;

signals:
    // Server search: show message `msgId` of this chat, loading it if need be.
    void revealRequested(qint64 msgId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Finds again (the text or the loaded messages changed), staying on the
    // same message when it still matches.
    void refresh();
    void goTo(int match);
    void showCount();
    // --- server search ---
    void startServerSearch();
    void onFound(const Client::SearchPage &page);
    void onFailed(const QString &error, const QString &message);
    // The current result's mark, once its row is loaded.
    void markCurrentResult();
    // A new message of the chat with the words joins the results (newest).
    void addNewResults(const QModelIndex &parent, int first, int last);

    ChatView *m_view;
    QLineEdit *m_field;
    QLabel *m_count;
    QToolButton *m_older;
    QToolButton *m_newer;
    QList<qint64> m_matches; // local ids, newest first; server search: msg_ids
    int m_current = 0;
    Client::ClientSession *m_session = nullptr;
    Client::MessageSearch *m_search = nullptr;
    QTimer *m_debounce;
    QString m_chat;          // the chat key the results are of
    qint64 m_pageBefore = 0; // the page asked for (0: the first)
    bool m_searching = false;
    QString m_error;
};

} // namespace Palomar::Desktop
