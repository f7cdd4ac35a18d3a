#pragma once

#include <QWidget>

namespace Palomar::Desktop {

// The row of quick reactions at the top of a message's menu: six emoji
// (my current one shown pressed; choosing it again takes it back) and
// "More…" for the emoji picker.
class ReactionBar : public QWidget
{
    Q_OBJECT
public:
    // `mine`: my current reaction to the message, or empty.
    explicit ReactionBar(const QString &mine, QWidget *parent = nullptr);

    static QStringList quickEmoji();

signals:
    void chosen(const QString &emoji);
    void moreRequested();
};

} // namespace Palomar::Desktop
