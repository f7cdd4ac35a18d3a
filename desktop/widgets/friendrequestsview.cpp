#include "friendrequestsview.h"

#include "models/friendrequestmodel.h"
#include "theme.h"
#include "util/avatar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace {
QPixmap avatarPixmap(const QString &name, int size)
{
    QPixmap pixmap(QSize(size, size) * 2);
    pixmap.setDevicePixelRatio(2);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    Avatar::paint(&painter, QRectF(0, 0, size, size), name);
    return pixmap;
}
} // namespace

FriendRequestsView::FriendRequestsView(QAbstractItemModel *model, QWidget *parent)
    : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("friendRequests"));
    setAttribute(Qt::WA_StyledBackground);
    Theme::bindStyleSheet(this, QStringLiteral("#friendRequests { background: {window}; "
                                               "border-bottom: 1px solid {divider}; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(4);
    auto *title = new QLabel(tr("FRIEND REQUESTS"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 0.8);
    titleFont.setWeight(QFont::Bold);
    titleFont.setLetterSpacing(QFont::AbsoluteSpacing, 0.6);
    title->setFont(titleFont);
    Theme::bindPalette(title, QPalette::WindowText, Theme::Color::TextSecondary);
    layout->addWidget(title);
    m_rows = new QVBoxLayout;
    m_rows->setSpacing(2);
    layout->addLayout(m_rows);

    connect(model, &QAbstractItemModel::modelReset, this, &FriendRequestsView::rebuild);
    connect(model, &QAbstractItemModel::rowsInserted, this, &FriendRequestsView::rebuild);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &FriendRequestsView::rebuild);
    rebuild();
}

QWidget *FriendRequestsView::makeRow(const QString &user, bool incoming)
{
    auto *row = new QWidget(this);
    row->setObjectName(QStringLiteral("request_") + user);
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    auto *rowLayout = new QVBoxLayout(row);
    rowLayout->setContentsMargins(0, 4, 0, 6);
    rowLayout->setSpacing(6);
    rowLayout->addLayout(layout);
    auto *avatar = new QLabel(row);
    avatar->setPixmap(avatarPixmap(user, 34));
    avatar->setFixedSize(34, 34);
    layout->addWidget(avatar);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(0);
    auto *name = new QLabel(user, row);
    QFont nameFont = name->font();
    nameFont.setWeight(QFont::DemiBold);
    name->setFont(nameFont);
    auto *hint = new QLabel(incoming ? tr("wants to be your friend") : tr("request sent"), row);
    Theme::bindPalette(hint, QPalette::WindowText, Theme::Color::TextSecondary);
    QFont hintFont = hint->font();
    hintFont.setPointSizeF(hintFont.pointSizeF() * 0.9);
    hint->setFont(hintFont);
    texts->addWidget(name);
    texts->addWidget(hint);
    layout->addLayout(texts, 1);

    if (incoming) {
        auto *accept = new QPushButton(tr("Accept"), row);
        accept->setObjectName(QStringLiteral("smallPrimaryButton"));
        accept->setProperty("user", user);
        accept->setAccessibleName(QStringLiteral("accept:") + user);
        accept->setCursor(Qt::PointingHandCursor);
        auto *decline = new QPushButton(tr("Decline"), row);
        decline->setObjectName(QStringLiteral("secondaryButton"));
        decline->setProperty("user", user);
        decline->setAccessibleName(QStringLiteral("decline:") + user);
        decline->setCursor(Qt::PointingHandCursor);
        connect(accept, &QPushButton::clicked, this, [this, user] { emit acceptClicked(user); });
        connect(decline, &QPushButton::clicked, this, [this, user] { emit declineClicked(user); });
        // The buttons sit under the text, so long names and translations fit.
        auto *buttons = new QHBoxLayout;
        buttons->setContentsMargins(44, 0, 0, 0);
        buttons->setSpacing(8);
        buttons->addWidget(accept, 1);
        buttons->addWidget(decline, 1);
        rowLayout->addLayout(buttons);
    }
    return row;
}

void FriendRequestsView::rebuild()
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        if (QWidget *widget = item->widget()) {
            widget->hide();
            widget->setParent(nullptr);
            widget->deleteLater();
        }
        delete item;
    }
    const int count = m_model->rowCount();
    for (int row = 0; row < count; ++row) {
        const QModelIndex index = m_model->index(row, 0);
        m_rows->addWidget(makeRow(index.data(FriendRequestModel::UserRole).toString(),
                                  index.data(FriendRequestModel::IncomingRole).toBool()));
    }
    setVisible(count > 0);
}

} // namespace Palomar::Desktop
