#include "composeactionbar.h"

#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

ComposeActionBar::ComposeActionBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("composeActionBar"));
    setAttribute(Qt::WA_StyledBackground);
    Theme::bindStyleSheet(
        this, QStringLiteral("#composeActionBar { background: {surface}; border-top: 1px solid "
                             "{divider}; }"
                             "#composeActionStripe { background: {accent}; border-radius: 1px; }"
                             "#composeActionTitle { color: {accent}; font-weight: 600; }"
                             "#composeActionText { color: {textSecondary}; }"));
    auto *stripe = new QWidget(this);
    stripe->setObjectName(QStringLiteral("composeActionStripe"));
    stripe->setAttribute(Qt::WA_StyledBackground);
    stripe->setFixedWidth(3);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("composeActionTitle"));
    m_title->setAccessibleName(QStringLiteral("composeActionTitle"));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("composeActionText"));
    m_text->setAccessibleName(QStringLiteral("composeActionText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setMinimumWidth(40);
    m_close = new QToolButton(this);
    m_close->setObjectName(QStringLiteral("headerButton"));
    m_close->setAccessibleName(QStringLiteral("composeActionClose"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setFixedSize(28, 28);
    m_close->setToolTip(tr("Cancel (Esc)"));
    m_close->setCursor(Qt::PointingHandCursor);
    connect(m_close, &QToolButton::clicked, this, &ComposeActionBar::closeRequested);
    auto *lines = new QVBoxLayout;
    lines->setSpacing(0);
    lines->addWidget(m_title);
    lines->addWidget(m_text);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 6, 12, 6);
    layout->setSpacing(10);
    layout->addWidget(stripe);
    layout->addLayout(lines, 1);
    layout->addWidget(m_close, 0, Qt::AlignVCenter);
    hide();
}

void ComposeActionBar::showFor(const QString &title, const QString &text)
{
    m_title->setText(title);
    const QString first = text.section(u'\n', 0, 0);
    m_text->setToolTip(first);
    m_text->setText(m_text->fontMetrics().elidedText(first, Qt::ElideRight, 600));
    show();
}

QString ComposeActionBar::title() const
{
    return m_title->text();
}

QString ComposeActionBar::text() const
{
    return m_text->toolTip();
}

} // namespace Palomar::Desktop
