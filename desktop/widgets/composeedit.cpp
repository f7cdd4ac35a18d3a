#include "composeedit.h"

#include <QImage>
#include <QKeyEvent>
#include <QMimeData>
#include <QTextBlock>
#include <QTextLayout>
#include <QTimer>

namespace Palomar::Desktop {

ComposeEdit::ComposeEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("composeEdit"));
    setPlaceholderText(tr("Write a message…"));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    document()->setDocumentMargin(4);
    connect(this, &QPlainTextEdit::textChanged, this, &ComposeEdit::fitHeight);
    fitHeight();
}

void ComposeEdit::setMaximumLines(int lines)
{
    m_maximumLines = qMax(1, lines);
    fitHeight();
}

int ComposeEdit::lineHeight() const
{
    return fontMetrics().lineSpacing();
}

QSize ComposeEdit::sizeHint() const
{
    return QSize(200, height());
}

QSize ComposeEdit::minimumSizeHint() const
{
    return QSize(80, heightForLines(1));
}

int ComposeEdit::heightForLines(int lines) const
{
    const int margins = 2 * int(document()->documentMargin()) + frameWidth() * 2 + 4;
    return lines * lineHeight() + margins;
}

// The plain text layout lays blocks out lazily (only those in view, and
// only once painted), so right after a paste its line counts are not there
// yet: the lines are counted here, with the same wrapping, up to the maximum.
int ComposeEdit::visibleLines() const
{
    const qreal width = viewport()->width() - 2 * document()->documentMargin();
    QTextOption option = document()->defaultTextOption();
    option.setWrapMode(wordWrapMode());
    int lines = 0;
    for (QTextBlock block = document()->begin(); block.isValid() && lines < m_maximumLines;
         block = block.next()) {
        QTextLayout layout(block.text(), font());
        layout.setTextOption(option);
        layout.beginLayout();
        int blockLines = 0;
        for (QTextLine line = layout.createLine();
             line.isValid() && lines + blockLines < m_maximumLines; line = layout.createLine()) {
            line.setLineWidth(qMax<qreal>(1, width));
            ++blockLines;
        }
        layout.endLayout();
        lines += qMax(1, blockLines);
    }
    return qBound(1, lines, m_maximumLines);
}

void ComposeEdit::fitHeight()
{
    const int lines = visibleLines();
    // Below the maximum every line shows: no scroll bar for a pixel's rounding.
    setVerticalScrollBarPolicy(lines < m_maximumLines ? Qt::ScrollBarAlwaysOff
                                                      : Qt::ScrollBarAsNeeded);
    const int height = heightForLines(lines);
    if (height != this->height()) {
        setFixedHeight(height);
        updateGeometry();
        // Once the new height is in place the cursor's line must still show.
        QTimer::singleShot(0, this, &QPlainTextEdit::ensureCursorVisible);
    }
}

void ComposeEdit::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    fitHeight();
}

bool ComposeEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasImage() || QPlainTextEdit::canInsertFromMimeData(source);
}

void ComposeEdit::insertFromMimeData(const QMimeData *source)
{
    // A copied picture (a screenshot, from a browser) often comes with text
    // too (its address, a file name): the picture is what was meant.
    if (source->hasImage()) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        if (!image.isNull()) {
            emit imagePasted(image);
            return;
        }
    }
    QPlainTextEdit::insertFromMimeData(source);
}

void ComposeEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        emit submitRequested();
        event->accept();
        return;
    }
    if (enter) {
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace Palomar::Desktop
