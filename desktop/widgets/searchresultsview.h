#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QModelIndex;
class QTimer;

namespace Palomar::Desktop {

class SearchResultModel;

// The "Messages" section under the chats the chat list's search leaves: the
// messages of every chat with the words typed (SearchResultModel), each as the
// chat's name, the sender in groups, a snippet with the words marked and the
// date; more come as it is scrolled down. Typing is waited out (250 ms) before
// the server is asked. A click asks to open the message in its chat.
class SearchResultsView : public QWidget
{
    Q_OBJECT
public:
    SearchResultsView(SearchResultModel *model, QWidget *parent = nullptr);

    // The search box's text: blank hides the section.
    void setQuery(const QString &text);
    QListView *list() const { return m_list; }
    QLabel *status() const { return m_status; }
    SearchResultModel *model() const { return m_model; }

signals:
    void messageActivated(const QString &chat, qint64 msgId);

private:
    void showState();
    void activate(const QModelIndex &index);

    SearchResultModel *m_model;
    QLabel *m_title;
    QLabel *m_status;
    QListView *m_list;
    QTimer *m_debounce;
    QString m_pending;
};

} // namespace Palomar::Desktop
