#include "composeedit.h"

#include <QAbstractTextDocumentLayout>
#include <QKeyEvent>
#include <QTextBlock>

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
    return QSize(80, lineHeight() + 2 * int(document()->documentMargin()) + 2);
}

void ComposeEdit::fitHeight()
{
    // In a QPlainTextEdit the document height is counted in lines.
    int lines = 0;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next())
        lines += qMax(1, block.layout() ? block.layout()->lineCount() : 1);
    lines = qBound(1, lines, m_maximumLines);
    const int margins = 2 * int(document()->documentMargin()) + frameWidth() * 2 + 2;
    const int height = lines * lineHeight() + margins;
    if (height != this->height()) {
        setFixedHeight(height);
        updateGeometry();
    }
}

void ComposeEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        const QString text = toPlainText().trimmed();
        if (!text.isEmpty()) {
            clear();
            emit submitted(text);
        }
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
