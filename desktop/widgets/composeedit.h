#pragma once

#include <QPlainTextEdit>

namespace Palomar::Desktop {

// The message box: Enter sends (submitted()), Shift+Enter starts a new
// line, and it grows with its text up to a few lines before scrolling.
class ComposeEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit ComposeEdit(QWidget *parent = nullptr);

    void setMaximumLines(int lines);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void submitted(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    int lineHeight() const;
    void fitHeight();

    int m_maximumLines = 6;
};

} // namespace Palomar::Desktop
