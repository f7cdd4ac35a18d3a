#include "confirmdialog.h"

#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace DialogButtons {

QPushButton *make(const QString &text, Kind kind, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    switch (kind) {
    case Kind::Primary:
        button->setObjectName(QStringLiteral("primaryButton"));
        break;
    case Kind::Secondary:
        button->setObjectName(QStringLiteral("secondaryButton"));
        break;
    case Kind::Danger:
        // The primary button's shape in the danger colour.
        button->setObjectName(QStringLiteral("dangerButton"));
        break;
    }
    return button;
}

QHBoxLayout *row(const QList<QPushButton *> &buttons)
{
    auto *layout = new QHBoxLayout;
    layout->addStretch();
    for (QPushButton *button : buttons)
        layout->addWidget(button);
    return layout;
}

QLabel *title(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    return label;
}

} // namespace DialogButtons

ConfirmDialog::ConfirmDialog(const QString &title, const QString &text, const QString &action,
                             DialogButtons::Kind kind, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    setMinimumWidth(360);
    m_text = new QLabel(text, this);
    m_text->setWordWrap(true);
    m_cancel = DialogButtons::make(tr("Cancel"), DialogButtons::Kind::Secondary, this);
    m_confirm = DialogButtons::make(action, kind, this);
    // Enter does not destroy anything by itself.
    (kind == DialogButtons::Kind::Danger ? m_cancel : m_confirm)->setDefault(true);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_confirm, &QPushButton::clicked, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);
    layout->addWidget(DialogButtons::title(title, this));
    layout->addWidget(m_text);
    layout->addSpacing(4);
    layout->addLayout(DialogButtons::row({m_cancel, m_confirm}));
}

QString ConfirmDialog::text() const
{
    return m_text->text();
}

} // namespace Palomar::Desktop
