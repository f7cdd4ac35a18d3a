#pragma once

#include <QMenu>
#include <QPersistentModelIndex>
#include <QUrl>

#include <functional>

namespace Palomar::Desktop {

class ChatView;

// The context menu of one message of the open chat (a right click, the Menu
// key or Shift+F10). Its items follow the message's state, in sections:
//   what the message is:  Retry / Delete / Copy of my failed message, under
//                         why it failed; Open / Save as / Show in folder of a file
//   its text:             Copy text, Copy selected text, Copy link, Select text
//   answering it:         Reply, Forward (when the server speaks them)
//   about it:             Info (my group messages: who got and read them)
//   removing it:          Edit and Delete for everyone (my own, when the server
//                         speaks them), Delete for me (this computer only, after a question)
// Each section is one function below, and each item has an objectName, so a
// later feature adds its items next to them: Reply / Forward / React among
// the text's actions, Edit and Delete for everyone with removing. What an
// item does goes out through the ChatView's signals; the menu decides nothing.
class MessageMenu : public QMenu
{
    Q_OBJECT
public:
    // The menu of row `index` of `view`; `link` is the address under the
    // pointer, if any (else the message's first one is offered).
    MessageMenu(ChatView *view, const QModelIndex &index, const QUrl &link = {});

    QPersistentModelIndex index() const { return m_index; }

private:
    QAction *addItem(const QString &name, const QString &text, std::function<void()> slot);
    void addFailedItems();
    void addFileItems();
    void addTextItems(const QUrl &link);
    void addAnswerItems();
    // Edit, Delete for everyone (messagemenu.cpp's addRemoveItems() calls it).
    void addChangeItems();
    // The quick reactions row and "More…" (messagemenureactions.cpp).
    void addReactionItems();
    void addInfoItems();
    void addRemoveItems();
    // A separator between sections (none at the top, none twice).
    void startSection();

    ChatView *m_view;
    QPersistentModelIndex m_index;
};

} // namespace Palomar::Desktop
