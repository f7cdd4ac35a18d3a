// ChatPage::revealMessage: jump to a message of the open chat, loading older
// history back to it when it is not loaded yet, and flash it.
#include "chatpage.h"
#include "chatview.h"
#include "models/messagemodel.h"
#include "theme.h"

#include <QPainter>
#include <QPointer>
#include <QTimer>
#include <QVariantAnimation>

#include <utility>

namespace Palomar::Desktop {

namespace {
// A short pulse of the accent colour over one message's bubble; it follows
// the bubble while the view scrolls and goes away by itself.
class MessageFlash : public QWidget
{
public:
    MessageFlash(ChatView *view, qint64 localId)
        : QWidget(view->viewport()), m_view(view), m_localId(localId)
    {
        setObjectName(QStringLiteral("messageFlash"));
        setAttribute(Qt::WA_TransparentForMouseEvents);
        auto *pulse = new QVariantAnimation(this);
        pulse->setStartValue(0.0);
        pulse->setEndValue(1.0);
        pulse->setDuration(1400);
        connect(pulse, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
            // Up fast, down slowly.
            const double t = value.toDouble();
            m_strength = t < 0.15 ? t / 0.15 : (1.0 - t) / 0.85;
            follow();
        });
        connect(pulse, &QVariantAnimation::finished, this, &QObject::deleteLater);
        follow();
        show();
        pulse->start(QAbstractAnimation::DeleteWhenStopped);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        QColor colour = Theme::accent();
        colour.setAlphaF(0.45 * m_strength);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 12, 12);
    }

private:
    void follow()
    {
        const int row = m_view->messageModel()->rowOfLocalId(m_localId);
        const QRect bubble = row < 0 ? QRect() : m_view->bubbleRect(row);
        if (bubble.isEmpty()) {
            hide();
            return;
        }
        setGeometry(bubble.adjusted(-4, -4, 4, 4));
        show();
        update();
    }

    ChatView *m_view;
    qint64 m_localId;
    double m_strength = 0;
};
} // namespace

// Drives one jump: after each page of older history, looks again.
class ChatPage::Revealer : public QObject
{
public:
    explicit Revealer(ChatPage *page) : QObject(page), m_page(page)
    {
        MessageModel *model = page->view()->messageModel();
        connect(model, &QAbstractItemModel::rowsInserted, this, &Revealer::stepLater);
        connect(model, &MessageModel::olderHistoryAnswered, this, [this](bool ok) {
            if (!ok && m_target)
                giveUp(); // the server could not say; asking again would loop
            else
                stepLater();
        });
        // Another chat: what was looked for is not in it.
        connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_target = 0; });
    }

    void start(qint64 msgId)
    {
        m_target = msgId;
        // After the view has placed a chat opened just now (it does so later).
        stepLater();
    }
    qint64 lastRevealed() const { return m_lastRevealed; }

private:
    void stepLater()
    {
        if (!m_target || m_stepQueued)
            return;
        m_stepQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_stepQueued = false;
            step();
        });
    }

    void step()
    {
        if (!m_target)
            return;
        MessageModel *model = m_page->view()->messageModel();
        const int row = model->rowOfMsgId(m_target);
        if (row >= 0) {
            show(row);
            return;
        }
        if (model->isLoadingOlder())
            return; // olderHistoryAnswered() comes back here
        // Older messages are loaded already, so this one is not in the history here.
        for (int i = 0; i < model->rowCount(); ++i) {
            const qint64 id = model->index(i).data(MessageModel::MsgIdRole).toLongLong();
            if (id > 0) {
                if (id < m_target)
                    return giveUp(); // ids grow with time: it would be loaded by now
                break;
            }
        }
        if (!model->canFetchMore({}))
            return giveUp();
        model->fetchMore({});
        // From the cache the rows came at once (rowsInserted queued a step);
        // from the server they come later.
    }

    void show(int row)
    {
        const qint64 msgId = std::exchange(m_target, 0);
        ChatView *view = m_page->view();
        view->doItemsLayout();
        const QModelIndex index = view->model()->index(row, 0);
        view->setCurrentIndex(index);
        view->scrollTo(index, QAbstractItemView::PositionAtCenter);
        const qint64 localId = index.data(MessageModel::LocalIdRole).toLongLong();
        if (m_flash)
            m_flash->deleteLater();
        m_flash = new MessageFlash(view, localId);
        m_lastRevealed = msgId;
        emit m_page->messageRevealed(msgId);
    }

    void giveUp()
    {
        const qint64 msgId = std::exchange(m_target, 0);
        m_page->showNotice(ChatPage::tr("That message is no longer in this chat's history."));
        emit m_page->messageNotFound(msgId);
    }

    ChatPage *m_page;
    qint64 m_target = 0;
    qint64 m_lastRevealed = 0;
    bool m_stepQueued = false;
    QPointer<QWidget> m_flash;
};

void ChatPage::revealMessage(qint64 msgId)
{
    if (!m_revealer)
        m_revealer = new Revealer(this);
    m_revealer->start(msgId);
}

qint64 ChatPage::lastRevealed() const
{
    return m_revealer ? m_revealer->lastRevealed() : 0;
}

} // namespace Palomar::Desktop
