#pragma once

#include <QImage>
#include <QPlainTextEdit>

namespace Palomar::Desktop {

// The message box: Enter asks to send (submitRequested()), Shift+Enter
// starts a new line, and it grows with its text (typed or pasted) up to a
// few lines before scrolling. A picture pasted into it is not text: it is
// handed on (imagePasted()).
class ComposeEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit ComposeEdit(QWidget *parent = nullptr);

    void setMaximumLines(int lines);
    int maximumLines() const { return m_maximumLines; }
    // How many lines the text takes at the box's width, counted up to maximumLines().
    int visibleLines() const;
    // The height of the box for `lines` lines of text.
    int heightForLines(int lines) const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void submitRequested();
    void imagePasted(const QImage &image);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    int lineHeight() const;
    void fitHeight();

    int m_maximumLines = 5;
};

} // namespace Palomar::Desktop
