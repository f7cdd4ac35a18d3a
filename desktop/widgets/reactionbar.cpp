#include "reactionbar.h"

#include <QHBoxLayout>
#include <QToolButton>

namespace Palomar::Desktop {

QStringList ReactionBar::quickEmoji()
{
    return {QStringLiteral("👍"), QStringLiteral("❤️"), QStringLiteral("😂"),
            QStringLiteral("😮"), QStringLiteral("😢"),      QStringLiteral("🙏")};
}

ReactionBar::ReactionBar(const QString &mine, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("reactionBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(2);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    const QStringList emoji = quickEmoji();
    for (qsizetype i = 0; i < emoji.size(); ++i) {
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("reactButton%1").arg(i));
        button->setText(emoji.at(i));
        button->setFont(big);
        button->setAutoRaise(true);
        button->setCheckable(true);
        button->setChecked(emoji.at(i) == mine);
        button->setToolTip(emoji.at(i) == mine ? tr("Remove my reaction") : QString());
        button->setAccessibleName(tr("React with %1").arg(emoji.at(i)));
        connect(button, &QToolButton::clicked, this, [this, e = emoji.at(i)] { emit chosen(e); });
        layout->addWidget(button);
    }
    auto *more = new QToolButton(this);
    more->setObjectName(QStringLiteral("moreReactionsButton"));
    more->setText(tr("More…"));
    more->setAutoRaise(true);
    connect(more, &QToolButton::clicked, this, &ReactionBar::moreRequested);
    layout->addWidget(more);
}

} // namespace Palomar::Desktop
