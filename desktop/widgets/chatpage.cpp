#include "chatpage.h"

#include "chatview.h"
#include "composeactionbar.h"
#include "composeedit.h"
#include "findbar.h"
#include "groupinfopanel.h"
#include "theme.h"
#include "util/avatar.h"
#include "util/filefolders.h"
#include "util/timeformat.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>
#include <QSettings>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace {
// A round initials avatar widget.
class AvatarWidget : public QWidget
{
public:
    explicit AvatarWidget(int size, QWidget *parent = nullptr) : QWidget(parent)
    {
        setFixedSize(size, size);
    }
    void setName(const QString &name, bool group = false)
    {
        m_name = name;
        m_group = group;
        m_label.clear();
        m_picture = QImage();
        update();
    }
    // A person's display name (for the initials) and picture.
    void setProfile(const QString &label, const QImage &picture)
    {
        m_label = label;
        m_picture = picture;
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        if (m_group)
            Avatar::paintGroup(&painter, QRectF(rect()), m_name);
        else
            Avatar::paintPerson(&painter, QRectF(rect()), m_name, m_picture, m_label);
    }

private:
    QString m_name;
    QString m_label;
    QImage m_picture;
    bool m_group = false;
};

QIcon backIcon()
{
    QPixmap pixmap(QSize(48, 48));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(2, 2);
    painter.setPen(QPen(Theme::textSecondary(), 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawLine(QPointF(5, 12), QPointF(19, 12));
    painter.drawPolyline(QPolygonF({QPointF(11, 6), QPointF(5, 12), QPointF(11, 18)}));
    painter.end();
    pixmap.setDevicePixelRatio(2);
    return QIcon(pixmap);
}

QIcon infoIcon()
{
    QPixmap pixmap(QSize(48, 48));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(2, 2);
    painter.setPen(QPen(Theme::textSecondary(), 1.8));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(QRectF(3, 3, 18, 18));
    painter.setPen(Qt::NoPen);
    painter.setBrush(Theme::textSecondary());
    painter.drawEllipse(QPointF(12, 8), 1.3, 1.3);
    painter.drawRoundedRect(QRectF(11, 10.5, 2, 6.5), 1, 1);
    painter.end();
    pixmap.setDevicePixelRatio(2);
    return QIcon(pixmap);
}

QIcon attachIcon()
{
    QPixmap pixmap(QSize(48, 48));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(2, 2);
    painter.translate(12, 12);
    painter.rotate(45);
    // A paper clip: an outer loop and an inner one, drawn upright, then tilted.
    QPainterPath clip;
    clip.moveTo(4, -4);
    clip.lineTo(4, 5);
    clip.arcTo(QRectF(-4, 1, 8, 8), 0, -180);
    clip.lineTo(-4, -7.75);
    clip.arcTo(QRectF(-4, -11, 6.5, 6.5), 180, -180);
    clip.lineTo(2.5, 4);
    clip.arcTo(QRectF(-1, 2.25, 3.5, 3.5), 0, -180);
    clip.lineTo(-1, -5);
    painter.setPen(QPen(Theme::textSecondary(), 1.7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(clip);
    painter.end();
    pixmap.setDevicePixelRatio(2);
    return QIcon(pixmap);
}

QIcon sendIcon()
{
    QPixmap pixmap(QSize(40, 40));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    // A paper plane pointing right.
    QPainterPath plane;
    plane.moveTo(9, 10);
    plane.lineTo(32, 20);
    plane.lineTo(9, 30);
    plane.lineTo(12, 21.5);
    plane.lineTo(22, 20);
    plane.lineTo(12, 18.5);
    plane.closeSubpath();
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::white);
    painter.drawPath(plane);
    painter.end();
    pixmap.setDevicePixelRatio(2);
    return QIcon(pixmap);
}
} // namespace

ChatPage::ChatPage(MessageModel *model, QWidget *parent) : QWidget(parent)
{
    auto *header = new QWidget(this);
    header->setObjectName(QStringLiteral("chatHeader"));
    header->setAttribute(Qt::WA_StyledBackground);
    header->setFixedHeight(60);
    auto *avatar = new AvatarWidget(38, header);
    m_avatar = avatar;
    m_name = new QLabel(header);
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.1);
    nameFont.setWeight(QFont::DemiBold);
    m_name->setFont(nameFont);
    m_presence = new QLabel(header);
    Theme::bindPalette(m_presence, QPalette::WindowText, Theme::Color::TextSecondary);
    QFont presenceFont = m_presence->font();
    presenceFont.setPointSizeF(presenceFont.pointSizeF() * 0.9);
    m_presence->setFont(presenceFont);
    auto *names = new QVBoxLayout;
    names->setSpacing(0);
    names->addStretch();
    names->addWidget(m_name);
    names->addWidget(m_presence);
    // Someone typing: in place of the presence line while it lasts.
    m_typing = new QLabel(header);
    m_typing->setObjectName(QStringLiteral("typingLine"));
    Theme::bindPalette(m_typing, QPalette::WindowText, Theme::Color::Accent);
    m_typing->setFont(presenceFont);
    m_typing->hide();
    names->addWidget(m_typing);
    names->addStretch();
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(16, 0, 16, 0);
    headerLayout->setSpacing(12);
    m_back = new QToolButton(header);
    m_back->setObjectName(QStringLiteral("headerButton"));
    m_back->setAccessibleName(QStringLiteral("backButton"));
    m_back->setIcon(backIcon());
    m_back->setIconSize(QSize(24, 24));
    m_back->setFixedSize(34, 34);
    m_back->setToolTip(tr("Back to the chat list"));
    m_back->setCursor(Qt::PointingHandCursor);
    m_back->hide();
    connect(m_back, &QToolButton::clicked, this, &ChatPage::backRequested);
    headerLayout->addWidget(m_back);
    headerLayout->addWidget(avatar);
    headerLayout->addLayout(names, 1);
    m_infoButton = new QToolButton(header);
    m_infoButton->setObjectName(QStringLiteral("headerButton"));
    m_infoButton->setAccessibleName(QStringLiteral("groupInfoButton"));
    m_infoButton->setIcon(infoIcon());
    m_infoButton->setIconSize(QSize(24, 24));
    m_infoButton->setFixedSize(34, 34);
    m_infoButton->setToolTip(tr("Group info"));
    m_infoButton->setCursor(Qt::PointingHandCursor);
    m_infoButton->setCheckable(true);
    m_infoButton->hide();
    connect(m_infoButton, &QToolButton::toggled, this, &ChatPage::setGroupInfoVisible);
    headerLayout->addWidget(m_infoButton);

    m_view = new ChatView(this);
    m_view->setMessageModel(model);
    connect(m_view, &ChatView::retryRequested, this, &ChatPage::retryOrSplit);
    connect(m_view, &ChatView::typedText, this, [this](const QString &text) {
        m_compose->setFocus(Qt::OtherFocusReason);
        m_compose->insertPlainText(text);
    });
    connect(m_view, &ChatView::deleteRequested, this, &ChatPage::deleteRequested);
    connect(m_view, &ChatView::messageInfoRequested, this, &ChatPage::messageInfoRequested);

    auto *composeBar = new QWidget(this);
    m_composeBar = composeBar;
    composeBar->setObjectName(QStringLiteral("composeBar"));
    composeBar->setAttribute(Qt::WA_StyledBackground);
    m_compose = new ComposeEdit(composeBar);
    m_attach = new QToolButton(composeBar);
    m_attach->setObjectName(QStringLiteral("headerButton"));
    m_attach->setAccessibleName(QStringLiteral("attachButton"));
    m_attach->setIcon(attachIcon());
    m_attach->setIconSize(QSize(24, 24));
    m_attach->setFixedSize(36, 36);
    m_attach->setToolTip(tr("Send a file"));
    m_attach->setCursor(Qt::PointingHandCursor);
    connect(m_attach, &QToolButton::clicked, this, &ChatPage::chooseFiles);
    m_send = new QToolButton(composeBar);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setIcon(sendIcon());
    m_send->setIconSize(QSize(20, 20));
    m_send->setFixedSize(36, 36);
    m_send->setToolTip(tr("Send (Enter)"));
    m_send->setCursor(Qt::PointingHandCursor);
    m_send->setEnabled(false);
    auto *composeLayout = new QHBoxLayout(composeBar);
    composeLayout->setContentsMargins(8, 10, 12, 10);
    composeLayout->setSpacing(6);
    composeLayout->addWidget(m_attach, 0, Qt::AlignBottom);
    composeLayout->addWidget(m_compose, 1, Qt::AlignVCenter);
    composeLayout->addWidget(m_send, 0, Qt::AlignBottom);
    m_emoji = new QToolButton(composeBar);
    m_emoji->setObjectName(QStringLiteral("headerButton"));
    m_emoji->setAccessibleName(QStringLiteral("emojiButton"));
    m_emoji->setText(QStringLiteral("☺"));
    m_emoji->setFixedSize(36, 36);
    m_emoji->setToolTip(tr("Emoji"));
    m_emoji->setCursor(Qt::PointingHandCursor);
    connect(m_emoji, &QToolButton::clicked, this, &ChatPage::showEmojiPicker);
    m_counter = new QLabel(composeBar);
    m_counter->setObjectName(QStringLiteral("composeCounter"));
    m_counter->setAlignment(Qt::AlignCenter);
    m_counter->hide();
    auto *sendColumn = new QVBoxLayout;
    sendColumn->setSpacing(2);
    sendColumn->addStretch();
    sendColumn->addWidget(m_counter, 0, Qt::AlignHCenter);
    sendColumn->addWidget(m_send, 0, Qt::AlignHCenter);
    composeLayout->removeWidget(m_send);
    composeLayout->insertWidget(2, m_emoji, 0, Qt::AlignBottom);
    composeLayout->addLayout(sendColumn);
    connect(m_compose, &ComposeEdit::submitRequested, this, &ChatPage::submitCompose);
    connect(m_compose, &ComposeEdit::imagePasted, this, &ChatPage::imagePasted);
    connect(m_compose, &QPlainTextEdit::textChanged, this, [this] {
        m_send->setEnabled(!m_compose->toPlainText().trimmed().isEmpty());
        updateCounter();
    });
    connect(m_send, &QToolButton::clicked, this, &ChatPage::submitCompose);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("fileNotice"));
    m_notice->setWordWrap(true);
    m_notice->setAttribute(Qt::WA_StyledBackground);
    Theme::bindStyleSheet(m_notice,
                          QStringLiteral("#fileNotice { background: {noticeBackground}; color: "
                                         "{noticeText}; padding: 8px 16px; border-top: "
                                         "1px solid {noticeBorder}; }"));
    m_notice->hide();
    m_noticeTimer = new QTimer(this);
    m_noticeTimer->setSingleShot(true);
    m_noticeTimer->setInterval(8000);
    connect(m_noticeTimer, &QTimer::timeout, m_notice, &QWidget::hide);

    m_dropHint = new QLabel(m_view);
    m_dropHint->setObjectName(QStringLiteral("dropHint"));
    m_dropHint->setAlignment(Qt::AlignCenter);
    m_dropHint->setAttribute(Qt::WA_TransparentForMouseEvents);
    Theme::bindStyleSheet(
        m_dropHint,
        QStringLiteral(
            "#dropHint { background: {chatBackground}; color: {accent}; font-weight: 600;"
            " border: 2px dashed {accent}; border-radius: 14px; margin: 14px; }"));
    m_dropHint->hide();
    m_view->viewport()->setAcceptDrops(true);
    m_view->viewport()->installEventFilter(this);
    m_compose->viewport()->installEventFilter(this);

    m_notMember = new QLabel(tr("You are no longer a member of this group"), this);
    m_notMember->setObjectName(QStringLiteral("notMemberNotice"));
    m_notMember->setAlignment(Qt::AlignCenter);
    m_notMember->setAttribute(Qt::WA_StyledBackground);
    Theme::bindStyleSheet(m_notMember,
                          QStringLiteral("#notMemberNotice { background: {surface}; color: "
                                         "{textSecondary}; padding: 18px; border-top: "
                                         "1px solid {divider}; }"));
    m_notMember->hide();

    setUpComposeActions();

    m_infoPanel = new GroupInfoPanel(this);
    m_infoPanel->hide();
    connect(m_infoPanel, &GroupInfoPanel::closeRequested, this,
            [this] { m_infoButton->setChecked(false); });

    auto *chat = new QVBoxLayout;
    chat->setContentsMargins(0, 0, 0, 0);
    chat->setSpacing(0);
    chat->addWidget(header);
    m_findBar = new FindBar(m_view, this);
    chat->addWidget(m_findBar);
    chat->addWidget(m_view, 1);
    chat->addWidget(m_notice);
    chat->addWidget(m_actionBar);
    chat->addWidget(composeBar);
    chat->addWidget(m_notMember);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(chat, 1);
    layout->addWidget(m_infoPanel);
}

void ChatPage::setGroup(qint64 group, const QString &name)
{
    const bool changed = group != m_group;
    if (changed)
        m_notice->hide();
    m_group = group;
    m_peer.clear();
    static_cast<AvatarWidget *>(m_avatar)->setName(name, true);
    m_name->setText(name);
    m_name->setToolTip(QString());
    m_view->setGroupChat(true);
    m_infoButton->show();
    if (changed)
        setSubtitle(QString());
    if (m_infoPanel->isVisible() && changed)
        emit groupInfoShown(group);
}

void ChatPage::setBackVisible(bool visible)
{
    m_back->setVisible(visible);
}

void ChatPage::setSubtitle(const QString &text)
{
    m_presence->setText(text);
    Theme::bindPalette(m_presence, QPalette::WindowText, Theme::Color::TextSecondary);
}

void ChatPage::setCanSend(bool canSend)
{
    if (!canSend)
        m_notice->hide();
    m_composeBar->setVisible(canSend);
    m_compose->setEnabled(canSend);
    m_notMember->setVisible(!canSend);
}

bool ChatPage::canSend() const
{
    return m_compose->isEnabled();
}

void ChatPage::setGroupInfoVisible(bool visible)
{
    visible = visible && m_group != 0;
    if (m_infoButton->isChecked() != visible)
        m_infoButton->setChecked(visible);
    m_infoPanel->setVisible(visible);
    if (visible)
        emit groupInfoShown(m_group);
}

void ChatPage::chooseFiles()
{
    auto *dialog = new QFileDialog(this, tr("Send files to %1").arg(m_name->text()));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setDirectory(FileFolders::attachFolder());
    connect(dialog, &QFileDialog::filesSelected, this, [this](const QStringList &paths) {
        if (!paths.isEmpty())
            FileFolders::rememberAttachFolder(paths.first());
        previewFiles(paths);
    });
    dialog->open();
}

void ChatPage::sendFiles(const QStringList &paths)
{
    if (paths.isEmpty() || !canSend())
        return;
    m_notice->hide();
    emit filesSendRequested(paths);
    m_view->scrollToNewest();
}

void ChatPage::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
    m_noticeTimer->start();
}

QStringList ChatPage::localFiles(const QMimeData *data)
{
    QStringList paths;
    if (!data || !data->hasUrls())
        return paths;
    const QList<QUrl> urls = data->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

void ChatPage::showDropHint(bool visible)
{
    if (visible) {
        m_dropHint->setText(tr("Drop files here to send them to %1").arg(m_name->text()));
        m_dropHint->setGeometry(m_view->viewport()->geometry());
        m_dropHint->raise();
    }
    m_dropHint->setVisible(visible);
}

// Files dragged over the messages or the compose box are for sending; the
// list and the text box never see them (the box would paste their paths).
bool ChatPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_compose && event->type() == QEvent::KeyPress)
        return handleComposeKey(static_cast<QKeyEvent *>(event));
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (!canSend() || localFiles(drag->mimeData()).isEmpty())
            return false;
        drag->setDropAction(Qt::CopyAction);
        drag->accept();
        showDropHint(true);
        return true;
    }
    case QEvent::DragLeave:
        showDropHint(false);
        return false;
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList paths = localFiles(drop->mimeData());
        showDropHint(false);
        if (!canSend() || paths.isEmpty())
            return false;
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        previewFiles(paths);
        return true;
    }
    default:
        return QWidget::eventFilter(watched, event);
    }
}

void ChatPage::setPeer(const QString &peer)
{
    if (peer.compare(m_peer, Qt::CaseInsensitive) != 0 || m_group != 0)
        m_notice->hide();
    m_peer = peer;
    m_group = 0;
    static_cast<AvatarWidget *>(m_avatar)->setName(peer);
    m_name->setText(peer);
    m_view->setGroupChat(false);
    m_infoButton->setChecked(false);
    m_infoButton->hide();
    m_infoPanel->hide();
    setCanSend(true);
    m_compose->setFocus();
}

void ChatPage::setPeerProfile(const QString &displayName, const QImage &picture)
{
    if (m_group != 0)
        return;
    static_cast<AvatarWidget *>(m_avatar)->setProfile(displayName, picture);
    m_name->setText(displayName.isEmpty() ? m_peer : displayName);
    // The username stays one hover away when a display name stands in for it.
    m_name->setToolTip(displayName.isEmpty() || displayName == m_peer ? QString() : m_peer);
}

void ChatPage::setWaitingForNetwork()
{
    m_presence->setText(tr("waiting for network…"));
    Theme::bindPalette(m_presence, QPalette::WindowText, Theme::Color::TextSecondary);
}

void ChatPage::setPresence(bool online, qint64 lastSeen)
{
    if (online) {
        m_presence->setText(tr("online"));
        Theme::bindPalette(m_presence, QPalette::WindowText, Theme::Color::Accent);
        return;
    }
    m_presence->setText(TimeFormat::lastSeen(lastSeen));
    Theme::bindPalette(m_presence, QPalette::WindowText, Theme::Color::TextSecondary);
}

void ChatPage::setTyping(const QString &text)
{
    m_typing->setText(text);
    m_typing->setVisible(!text.isEmpty());
    m_presence->setVisible(text.isEmpty());
}

} // namespace Palomar::Desktop
