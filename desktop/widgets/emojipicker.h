#pragma once

#include <QFrame>

namespace Palomar::Desktop {

// A small popup of common emoji in a grid, opened from the button beside
// the compose box; a click on one emits picked() and closes it.
class EmojiPicker : public QFrame
{
    Q_OBJECT
public:
    explicit EmojiPicker(QWidget *parent = nullptr);

    static QStringList emoji();
    // Shows the popup above `anchor` (below it when there is no room).
    void popUp(QWidget *anchor);

signals:
    void picked(const QString &emoji);
};

} // namespace Palomar::Desktop
