#include "mainwindow.h"

#include "app/appcontroller.h"
#include "app/connectionkeeper.h"
#include "chatpage.h"
#include "chatview.h"
#include "connectionbanner.h"
#include "delegates/chatlistdelegate.h"
#include "elidedlabel.h"
#include "friendrequestsview.h"
#include "models/chatlistfiltermodel.h"
#include "models/chatlistmodel.h"
#include "models/friendrequestmodel.h"
#include "models/messagemodel.h"
#include "pictureviewer.h"
#include "theme.h"
#include "util/filefolders.h"
#include "util/filenames.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>

namespace Palomar::Desktop {

namespace {

QIcon drawnIcon(const std::function<void(QPainter &)> &draw)
{
    QPixmap pixmap(QSize(48, 48));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(2, 2);
    draw(painter);
    painter.end();
    pixmap.setDevicePixelRatio(2);
    return QIcon(pixmap);
}

QIcon addFriendIcon()
{
    return drawnIcon([](QPainter &p) {
        p.setPen(QPen(Theme::textSecondary(), 1.8, Qt::SolidLine, Qt::RoundCap));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QRectF(5, 4, 8, 8));
        p.drawArc(QRectF(1.5, 14, 15, 12), 0, 180 * 16);
        p.setPen(QPen(Theme::accent(), 2, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(19, 6), QPointF(19, 14));
        p.drawLine(QPointF(15, 10), QPointF(23, 10));
    });
}

QIcon menuIcon()
{
    return drawnIcon([](QPainter &p) {
        p.setPen(Qt::NoPen);
        p.setBrush(Theme::textSecondary());
        for (int i = 0; i < 3; ++i)
            p.drawEllipse(QPointF(12, 5.5 + i * 6.5), 2, 2);
    });
}

QToolButton *headerButton(const QIcon &icon, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(QStringLiteral("headerButton"));
    button->setIcon(icon);
    button->setIconSize(QSize(24, 24));
    button->setFixedSize(34, 34);
    button->setToolTip(tip);
    button->setCursor(Qt::PointingHandCursor);
    return button;
}

} // namespace

MainWindow::MainWindow(AppController *controller, QWidget *parent)
    : QMainWindow(parent), m_controller(controller), m_filter(new ChatListFilterModel(this))
{
    m_filter->setSourceModel(controller->chatList());

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setHandleWidth(1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(buildSidePane());

    m_stack = new QStackedWidget(this);
    m_emptyPage = new QWidget(m_stack);
    m_emptyPage->setAutoFillBackground(true);
    Theme::bindPalette(m_emptyPage, QPalette::Window, Theme::Color::ChatBackground);
    auto *emptyLogo = new QLabel(m_emptyPage);
    emptyLogo->setPixmap(QApplication::windowIcon().pixmap(QSize(96, 96)));
    emptyLogo->setAlignment(Qt::AlignCenter);
    auto *emptyText = new QLabel(tr("Select a chat to start messaging"), m_emptyPage);
    emptyText->setAlignment(Qt::AlignCenter);
    Theme::bindPalette(emptyText, QPalette::WindowText, Theme::Color::TextSecondary);
    auto *emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch();
    emptyLayout->addWidget(emptyLogo);
    emptyLayout->addSpacing(8);
    emptyLayout->addWidget(emptyText);
    emptyLayout->addStretch();
    m_chatPage = new ChatPage(controller->messages(), m_stack);
    m_stack->addWidget(m_emptyPage);
    m_stack->addWidget(m_chatPage);
    m_splitter->addWidget(m_stack);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({340, 860});
    setCentralWidget(m_splitter);

    m_statusDot = new QLabel(this);
    m_statusText = new ElidedLabel(this);
    m_statusText->setObjectName(QStringLiteral("connectionStatus"));
    m_accountText = new ElidedLabel(this);
    m_accountText->setObjectName(QStringLiteral("accountLabel"));
    statusBar()->setSizeGripEnabled(false);
    statusBar()->addWidget(m_statusDot);
    statusBar()->addWidget(m_statusText);
    m_notice = new ElidedLabel(this);
    m_notice->setObjectName(QStringLiteral("statusNotice"));
    Theme::bindStyleSheet(m_notice, QStringLiteral("color: {noticeText}; padding-left: 16px;"));
    m_notice->hide();
    statusBar()->addWidget(m_notice, 1);
    statusBar()->addPermanentWidget(m_accountText);

    connect(m_chatPage, &ChatPage::sendRequested, controller, &AppController::sendMessage);
    connect(m_chatPage, &ChatPage::retryRequested, controller, &AppController::retryMessage);
    connect(m_chatPage->view(), &ChatView::scrolledToBottom, this, &MainWindow::maybeMarkRead);
    connect(controller->chatList(), &ChatListModel::unreadTotalChanged, this,
            &MainWindow::refreshTitle);
    connect(controller->chatList(), &QAbstractItemModel::dataChanged, this,
            &MainWindow::refreshHeader);
    connect(controller->chatList(), &QAbstractItemModel::modelReset, this,
            [this] { m_stack->setCurrentWidget(m_emptyPage); });
    connect(controller->connectionKeeper(), &ConnectionKeeper::statusChanged, this,
            &MainWindow::refreshStatus);
    connect(controller->connectionKeeper(), &ConnectionKeeper::countdownChanged, this,
            &MainWindow::refreshStatus);
    connect(controller->connectionKeeper(), &ConnectionKeeper::statusChanged, this,
            &MainWindow::refreshHeader);
    connect(controller, &AppController::accountOpened, this, &MainWindow::refreshStatus);
    connectGroups();
    connectFiles();
    connectCompose();
    connectActions();
    connectReactions();
    connectSearch();
    setUpChatMenu();
    setUpKeyboard();
    connect(m_chatPage, &ChatPage::backRequested, this, &MainWindow::showChatList);
    const auto showOpenChat = [this] {
        m_narrowShowsList = false; // narrow: the chat that is already open, again
        updateNarrow();
    };
    connect(m_chatList, &QListView::clicked, this, showOpenChat);
    connect(m_chatList, &QListView::activated, this, showOpenChat);

    resize(1200, 760);
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    refreshTitle(controller->chatList()->unreadTotal());
    refreshStatus();
    updateNarrow();
}

QWidget *MainWindow::buildSidePane()
{
    m_sidePane = new QWidget(this);
    m_sidePane->setObjectName(QStringLiteral("sidePane"));
    m_sidePane->setAttribute(Qt::WA_StyledBackground);
    m_sidePane->setMinimumWidth(260);

    auto *title = new QLabel(tr("Chats"), m_sidePane);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.45);
    titleFont.setWeight(QFont::Bold);
    title->setFont(titleFont);
    auto *addFriend = headerButton(addFriendIcon(), tr("Add a friend"), m_sidePane);
    addFriend->setAccessibleName(QStringLiteral("addFriend"));
    connect(addFriend, &QToolButton::clicked, this, &MainWindow::addFriendRequested);
    auto *menuButton = headerButton(menuIcon(), tr("Menu"), m_sidePane);
    auto *menu = new QMenu(menuButton);
    menu->addAction(tr("New group…"), this, &MainWindow::showNewGroupDialog);
    menu->addAction(tr("Add a friend…"), this, &MainWindow::addFriendRequested);
    menu->addSeparator();
    // The key is only shown: the window's own shortcut does the work.
    menu->addAction(tr("Keyboard shortcuts…") + u'\t' +
                        QKeySequence(Qt::CTRL | Qt::Key_Slash).toString(QKeySequence::NativeText),
                    this, &MainWindow::showShortcuts);
    // Only when the server speaks `profile` (known once connected).
    QAction *profile = menu->addAction(tr("Profile…"), this, &MainWindow::showProfile);
    connect(menu, &QMenu::aboutToShow, this,
            [this, profile] { profile->setVisible(m_controller->canEditProfile()); });
    // On the window too, so its shortcut works while the menu is closed.
    addAction(menu->addAction(tr("Settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
                              &MainWindow::showSettings));
    menu->addAction(tr("About Palomar"), this, &MainWindow::showAbout);
    menu->addSeparator();
    menu->addAction(tr("Log out"), this, &MainWindow::logoutRequested);
    menu->addAction(tr("Quit"), QKeySequence::Quit, this, &MainWindow::quitRequested);
    menuButton->setMenu(menu);
    menuButton->setPopupMode(QToolButton::InstantPopup);
    menuButton->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; }"));
    auto *header = new QHBoxLayout;
    header->setContentsMargins(16, 12, 10, 4);
    header->setSpacing(2);
    header->addWidget(title, 1);
    header->addWidget(addFriend);
    header->addWidget(menuButton);

    m_search = new QLineEdit(m_sidePane);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        // Filtering opens no other chat; the open one is highlighted whenever its row shows.
        const QSignalBlocker quiet(m_chatList->selectionModel());
        m_filter->setSearchText(text);
        const int row = m_controller->chatList()->rowOf(m_controller->currentChat());
        const QModelIndex open =
            row < 0 ? QModelIndex() : m_filter->mapFromSource(m_controller->chatList()->index(row));
        if (open.isValid())
            m_chatList->selectionModel()->setCurrentIndex(open,
                                                          QItemSelectionModel::ClearAndSelect);
        else
            m_chatList->selectionModel()->clear();
        m_chatList->viewport()->update();
    });
    auto *searchRow = new QHBoxLayout;
    searchRow->setContentsMargins(12, 6, 12, 8);
    searchRow->addWidget(m_search);

    m_requests = new FriendRequestsView(m_controller->friendRequests(), m_sidePane);
    connect(m_requests, &FriendRequestsView::acceptClicked, this,
            [this](const QString &user) { m_controller->respondToFriendRequest(user, true); });
    connect(m_requests, &FriendRequestsView::declineClicked, this,
            [this](const QString &user) { m_controller->respondToFriendRequest(user, false); });

    m_chatList = new QListView(m_sidePane);
    m_chatList->setObjectName(QStringLiteral("chatList"));
    m_chatList->setModel(m_filter);
    m_chatList->setItemDelegate(new ChatListDelegate(m_chatList));
    m_chatList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_chatList->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_chatList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_chatList->setUniformItemSizes(true);
    m_chatList->setMouseTracking(true);
    m_chatList->viewport()->setAttribute(Qt::WA_Hover);
    connect(m_chatList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onChatSelected);

    auto *layout = new QVBoxLayout(m_sidePane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addLayout(searchRow);
    layout->addWidget(m_requests);
    layout->addWidget(m_chatList, 1);

    m_banner = new ConnectionBanner(m_controller->connectionKeeper(), m_sidePane);
    m_sidePane->installEventFilter(this);
    m_banner->installEventFilter(this);
    return m_sidePane;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_sidePane && event->type() == QEvent::Resize) ||
        (watched == m_banner && (event->type() == QEvent::Show || event->type() == QEvent::Resize)))
        placeBanner();
    if (scrollHistoryByKey(watched, event))
        return true;
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::placeBanner()
{
    const QSize size = m_banner->sizeHint();
    m_banner->setGeometry(12, m_sidePane->height() - size.height() - 12,
                          qMin(size.width(), m_sidePane->width() - 24), size.height());
}

bool MainWindow::openChat(const QString &peer)
{
    if (m_controller->chatList()->contains(peer) && !selectChat(peer)) {
        // Left out by the search, or deleted here: show it.
        m_search->clear();
        m_filter->reveal(peer);
    }
    return selectChat(peer);
}

bool MainWindow::selectChat(const QString &peer)
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, 0);
        if (index.data(ChatListModel::PeerRole).toString().compare(peer, Qt::CaseInsensitive) ==
            0) {
            m_chatList->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

void MainWindow::onChatSelected()
{
    const QModelIndex index = m_chatList->currentIndex();
    if (!index.isValid())
        return;
    const QString peer = index.data(ChatListModel::PeerRole).toString();
    swapDraft(peer);
    m_controller->openChat(peer);
    if (const qint64 group = index.data(ChatListModel::GroupRole).toLongLong()) {
        m_chatPage->setGroup(group, index.data(ChatListModel::TitleRole).toString());
        refreshGroupInfo(group);
    } else {
        m_chatPage->setPeer(peer);
    }
    refreshHeader();
    // The view scrolls by itself: to where the chat was left, or its new messages.
    m_stack->setCurrentWidget(m_chatPage);
    m_narrowShowsList = false;
    updateNarrow();
}

void MainWindow::refreshHeader()
{
    const QString peer = m_controller->currentChat();
    ChatListModel *chats = m_controller->chatList();
    const int row = chats->rowOf(peer);
    if (row < 0)
        return;
    const QModelIndex index = chats->index(row);
    if (const qint64 group = index.data(ChatListModel::GroupRole).toLongLong()) {
        // A group has no presence; its name may have changed.
        m_chatPage->setGroup(group, index.data(ChatListModel::TitleRole).toString());
        m_chatPage->setCanSend(index.data(ChatListModel::MemberRole).toBool());
        return;
    }
    m_chatPage->setPeerProfile(index.data(ChatListModel::DisplayTitleRole).toString(),
                               index.data(ChatListModel::PictureRole).value<QImage>());
    if (m_controller->connectionKeeper()->status() != ConnectionKeeper::Status::Online) {
        m_chatPage->setWaitingForNetwork();
        return;
    }
    m_chatPage->setPresence(index.data(ChatListModel::OnlineRole).toBool(),
                            index.data(ChatListModel::LastSeenRole).toLongLong());
}

void MainWindow::refreshTitle(int unread)
{
    setWindowTitle(unread > 0 ? tr("(%1) Palomar").arg(unread) : tr("Palomar"));
}

void MainWindow::refreshStatus()
{
    const ConnectionKeeper *keeper = m_controller->connectionKeeper();
    QColor dot = Theme::textSecondary();
    QString text;
    switch (keeper->status()) {
    case ConnectionKeeper::Status::Online:
        dot = Theme::online();
        text = tr("Connected");
        break;
    case ConnectionKeeper::Status::Connecting:
        dot = QColor(0xF0, 0xA0, 0x30);
        text = tr("Connecting…");
        break;
    case ConnectionKeeper::Status::Waiting:
        dot = Theme::danger();
        text = tr("Offline. Reconnecting in %n s…", nullptr, keeper->secondsUntilRetry());
        break;
    case ConnectionKeeper::Status::Unavailable:
        // Connected, but nothing can be stored now: pending messages stay pending.
        dot = QColor(0xF0, 0xA0, 0x30);
        text = tr("Connected, server unavailable. Retrying in %n s…", nullptr,
                  keeper->secondsUntilRetry());
        break;
    case ConnectionKeeper::Status::Offline:
        text = tr("Offline");
        break;
    }
    QPixmap pixmap(QSize(20, 20));
    pixmap.setDevicePixelRatio(2);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(dot);
    painter.drawEllipse(QRectF(1, 1, 8, 8));
    painter.end();
    m_statusDot->setPixmap(pixmap);
    m_statusText->setText(text);
    if (m_controller->hasAccount())
        m_accountText->setText(
            tr("%1 on %2").arg(m_controller->user(), m_controller->server().toString()));
}

void MainWindow::connectFiles()
{
    ChatView *view = m_chatPage->view();
    connect(m_chatPage, &ChatPage::filesSendRequested, m_controller, &AppController::sendFiles);
    connect(view, &ChatView::fileOpenRequested, m_controller, &AppController::openFile);
    connect(view, &ChatView::transferCancelRequested, m_controller, &AppController::cancelTransfer);
    connect(view, &ChatView::fileRetryRequested, m_controller, &AppController::retryFile);
    connect(view, &ChatView::fileShowInFolderRequested, m_controller,
            &AppController::showFileInFolder);
    connect(view, &ChatView::fileSaveAsRequested, this, &MainWindow::askWhereToSave);
    connect(m_controller, &AppController::fileNotice, m_chatPage, &ChatPage::showNotice);
    connect(m_controller, &AppController::pictureOpenRequested, this, [this](qint64 localId) {
        PictureViewer *viewer = PictureViewer::showPicture(this, m_controller, localId);
        connect(viewer, &PictureViewer::saveAsRequested, this, &MainWindow::askWhereToSave,
                Qt::UniqueConnection);
    });
}

void MainWindow::askWhereToSave(qint64 localId)
{
    MessageModel *messages = m_controller->messages();
    const int row = messages->rowOfLocalId(localId);
    if (row < 0)
        return;
    const QString name =
        FileNames::safeName(messages->index(row).data(MessageModel::FileNameRole).toString());
    auto *dialog = new QFileDialog(
        this, tr("Save as"),
        QDir(FileFolders::saveFolder(m_controller->downloadDirectory())).filePath(name));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    connect(dialog, &QFileDialog::fileSelected, m_controller,
            [controller = m_controller, localId](const QString &path) {
                controller->saveFileAs(localId, path);
            });
    dialog->open();
}

void MainWindow::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void MainWindow::maybeMarkRead()
{
    if (isActiveWindow() && !isMinimized() && m_stack->currentWidget() == m_chatPage &&
        m_chatPage->view()->isAtBottom())
        m_controller->markChatRead();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::ActivationChange || event->type() == QEvent::WindowStateChange)
        maybeMarkRead();
    QMainWindow::changeEvent(event);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (!m_narrow) // one pane hidden: not the splitter the user set
        settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->ignore();
    emit quitRequested();
}

} // namespace Palomar::Desktop
