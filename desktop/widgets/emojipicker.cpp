#include "emojipicker.h"

#include <QGridLayout>
#include <QScreen>
#include <QToolButton>

namespace Palomar::Desktop {

namespace {
constexpr int kColumns = 8;
constexpr int kCell = 36;
} // namespace

QStringList EmojiPicker::emoji()
{
    // Faces, hands and hearts people reach for first, then a few things.
    return QStringLiteral(
               "😀 😃 😄 😁 😆 😅 😂 🤣 😊 😇 🙂 😉 😍 🥰 😘 😋 "
               "😜 🤔 🤗 🤭 😐 😏 😒 🙄 😬 😌 😴 😷 🤒 😎 🤓 😕 "
               "😟 😮 😲 😳 🥺 😢 😭 😱 😤 😡 👍 👎 👌 ✌️ 🤞 👏 "
               "🙌 🙏 💪 👋 ❤️ 🧡 💛 💚 💙 💜 💔 🔥 ⭐ 🎉 ✅ ❌")
        .split(u' ', Qt::SkipEmptyParts);
}

EmojiPicker::EmojiPicker(QWidget *parent) : QFrame(parent, Qt::Popup)
{
    setObjectName(QStringLiteral("emojiPicker"));
    setFrameShape(QFrame::StyledPanel);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(6, 6, 6, 6);
    grid->setSpacing(2);
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    const QStringList all = emoji();
    for (int i = 0; i < all.size(); ++i) {
        auto *button = new QToolButton(this);
        button->setText(all.at(i));
        button->setAccessibleName(all.at(i));
        button->setFont(font);
        button->setAutoRaise(true);
        button->setFixedSize(kCell, kCell);
        button->setCursor(Qt::PointingHandCursor);
        connect(button, &QToolButton::clicked, this, [this, text = all.at(i)] {
            emit picked(text);
            close();
        });
        grid->addWidget(button, i / kColumns, i % kColumns);
    }
}

void EmojiPicker::popUp(QWidget *anchor)
{
    adjustSize();
    QPoint at = anchor->mapToGlobal(QPoint(0, -height() - 4));
    if (const QScreen *screen = anchor->screen()) {
        const QRect available = screen->availableGeometry();
        if (at.y() < available.top())
            at.setY(anchor->mapToGlobal(QPoint(0, anchor->height() + 4)).y());
        at.setX(qBound(available.left(), at.x(), available.right() - width()));
    }
    move(at);
    show();
}

} // namespace Palomar::Desktop
