#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace Palomar::Desktop {

// The line above the compose box while a reply or an edit is being written:
// what it is ("Reply to bob", "Editing"), the first line of the message it
// is about, and a close button (closeRequested(); Esc does the same).
class ComposeActionBar : public QWidget
{
    Q_OBJECT
public:
    explicit ComposeActionBar(QWidget *parent = nullptr);

    // Shows the bar with `title` over `text`'s first line.
    void showFor(const QString &title, const QString &text);
    QString title() const;
    QString text() const;
    QToolButton *closeButton() const { return m_close; }

signals:
    void closeRequested();

private:
    QLabel *m_title;
    QLabel *m_text;
    QToolButton *m_close;
};

} // namespace Palomar::Desktop
