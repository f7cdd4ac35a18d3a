#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace Palomar::Desktop {

class ChatView;

// Ctrl+F in the open chat: a bar above the history that finds text in the
// messages loaded so far (more come as older history is paged in). Every
// match is marked; the current one is centred and marked more strongly.
// Matches count from the newest: Enter or Up goes to the next older one,
// Shift+Enter or Down back to a newer one, Esc closes the bar.
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

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Finds again (the text or the loaded messages changed), staying on the
    // same message when it still matches.
    void refresh();
    void goTo(int match);
    void showCount();

    ChatView *m_view;
    QLineEdit *m_field;
    QLabel *m_count;
    QToolButton *m_older;
    QToolButton *m_newer;
    QList<qint64> m_matches; // local ids, newest first
    int m_current = 0;
};

} // namespace Palomar::Desktop
