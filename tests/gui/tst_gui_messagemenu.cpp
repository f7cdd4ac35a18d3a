// Issue 17's desktop items that need no server op: the message context menu
// (its items by message state, Copy text, Copy link, Select text, Delete for
// me, gone also after a restart), web addresses as links that open on a
// click, text selected by dragging and copied with Ctrl+C, and the picture
// viewer's colours in the light and the dark theme.
#include "cache/localcache.h"
#include "delegates/messagelinks.h"
#include "guichatsfixture.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/composeedit.h"
#include "widgets/pictureviewer.h"
#include "widgets/theme.h"

#include <QAbstractButton>
#include <QAction>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QtTest>

#include <memory>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;

namespace {
// Takes the addresses QDesktopServices::openUrl() is asked to open.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl &url) { opened.append(url); }
};

const QString kPlain = QStringLiteral("hello there world");
const QString kLinked =
    QStringLiteral("read www.example.org/news, then https://palomar.test/a?b=1.");
} // namespace

class TestGuiMessageMenu : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void linksAreFound_data();
    void linksAreFound();
    void linkColourIsReadable();
    void menuItemsFollowTheMessage();
    void copyTextAndLink();
    void keyboardOpensTheMenuOfTheCurrentMessage();
    void dragSelectsAndCopies();
    void selectTextFromTheMenu();
    void typingInTheHistoryGoesToTheComposeBox();
    void linkClickOpensTheAddress();
    void deleteForMeAsksAndLasts();
    void viewerFollowsTheTheme();

private:
    ChatView *view() const { return f.window->chatPage()->view(); }
    MessageModel *messages() const { return f.controller->messages(); }
    int rowOf(const QString &text) const;
    // The objectNames of the items of `row`'s menu, separators left out.
    QStringList itemsOf(int row);
    // A point over text position `position` of `row`'s first line (null: none).
    QPoint pointAt(int row, int position);
    void sendMouse(QEvent::Type type, const QPoint &at, Qt::MouseButtons buttons);

    ChatsFixture f;
    UrlCatcher m_urls;
};

void TestGuiMessageMenu::initTestCase()
{
    QVERIFY(f.start({QStringLiteral("bob")}));
    QVERIFY(f.sendToAlice(QStringLiteral("bob"), kPlain));
    QVERIFY(f.sendToAlice(QStringLiteral("bob"), kLinked));
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(kLinked) >= 0, kWait);
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_urls, "open");
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_urls, "open");
}

void TestGuiMessageMenu::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
}

int TestGuiMessageMenu::rowOf(const QString &text) const
{
    for (int row = 0; row < messages()->rowCount(); ++row) {
        if (messages()->index(row).data(MessageModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

QStringList TestGuiMessageMenu::itemsOf(int row)
{
    const std::unique_ptr<QMenu> menu(view()->messageMenu(row));
    QStringList names;
    if (!menu)
        return names;
    for (QAction *action : menu->actions()) {
        // The reactions row (reactAction) is tst_gui_reactions' subject.
        if (!action->isSeparator() && action->objectName() != QStringLiteral("reactAction"))
            names.append(action->objectName());
    }
    return names;
}

QPoint TestGuiMessageMenu::pointAt(int row, int position)
{
    view()->scrollTo(view()->model()->index(row, 0));
    QCoreApplication::processEvents();
    const QRect bubble = view()->bubbleRect(row);
    const QModelIndex index = view()->model()->index(row, 0);
    for (int y = bubble.top(); y < bubble.bottom(); ++y) {
        for (int x = bubble.left(); x < bubble.right(); ++x) {
            if (view()->textPositionAt(index, QPoint(x, y)) == position)
                return QPoint(x + 1, y + 4); // inside the character's cell, not on its edge
        }
    }
    return {};
}

void TestGuiMessageMenu::sendMouse(QEvent::Type type, const QPoint &at, Qt::MouseButtons buttons)
{
    QWidget *viewport = view()->viewport();
    QMouseEvent event(type, at, viewport->mapToGlobal(at),
                      type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons,
                      Qt::NoModifier);
    QApplication::sendEvent(viewport, &event);
}

void TestGuiMessageMenu::linksAreFound_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("urls");
    QTest::newRow("none") << QStringLiteral("no address here. really") << QStringList();
    QTest::newRow("www and https, sentence punctuation left out")
        << kLinked
        << QStringList{QStringLiteral("http://www.example.org/news"),
                       QStringLiteral("https://palomar.test/a?b=1")};
    QTest::newRow("brackets") << QStringLiteral("(see https://en.wikipedia.org/wiki/Dove_(bird))")
                              << QStringList{
                                     QStringLiteral("https://en.wikipedia.org/wiki/Dove_(bird)")};
    QTest::newRow("not an address")
        << QStringLiteral("www. and http:// and mail@www.example.org") << QStringList();
    QTest::newRow("upper case") << QStringLiteral("HTTP://Example.ORG/x")
                                << QStringList{QStringLiteral("http://example.org/x")};
}

void TestGuiMessageMenu::linksAreFound()
{
    QFETCH(QString, text);
    QFETCH(QStringList, urls);
    QStringList found;
    for (const MessageLinks::Link &link : MessageLinks::find(text)) {
        found.append(link.url.toString());
        QVERIFY(link.url.isValid());
        QVERIFY(text.mid(link.start, link.length).size() == link.length);
    }
    QCOMPARE(found, urls);
}

void TestGuiMessageMenu::linkColourIsReadable()
{
    using Theme::Color;
    for (const Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
        for (const Color bubble : {Color::BubbleMine, Color::BubbleTheirs}) {
            QVERIFY2(Theme::contrast(Theme::color(Color::Link, mode), Theme::color(bubble, mode)) >=
                         4.5,
                     qPrintable(Theme::colorName(bubble)));
        }
    }
}

void TestGuiMessageMenu::menuItemsFollowTheMessage()
{
    // The items that need no server feature (Reply, Edit, Delete for
    // everyone and Forward are tst_gui_messageactions's).
    view()->setOfferedFeatures({});
    // Someone else's text without an address.
    QCOMPARE(itemsOf(rowOf(kPlain)),
             (QStringList{QStringLiteral("copyTextAction"), QStringLiteral("selectTextAction"),
                          QStringLiteral("deleteForMeAction")}));
    // With one: Copy link too.
    QCOMPARE(
        itemsOf(rowOf(kLinked)),
        (QStringList{QStringLiteral("copyTextAction"), QStringLiteral("copyLinkAction"),
                     QStringLiteral("selectTextAction"), QStringLiteral("deleteForMeAction")}));
    // My message on its way (no server id yet): nothing to delete yet. A
    // failed one: why, Retry, Delete, Copy and nothing else.
    const QString unsent = QStringLiteral("never sent");
    CachedMessage mine =
        f.controller->cache()->addPending(QStringLiteral("menu-test-1"), QStringLiteral("bob"),
                                          unsent, QDateTime::currentMSecsSinceEpoch());
    messages()->upsert(mine);
    QVERIFY(rowOf(unsent) >= 0);
    QCOMPARE(itemsOf(rowOf(unsent)),
             (QStringList{QStringLiteral("copyTextAction"), QStringLiteral("selectTextAction")}));
    mine.status = DeliveryStatus::Failed;
    messages()->upsert(mine);
    QCOMPARE(itemsOf(rowOf(unsent)),
             (QStringList{QStringLiteral("failureReason"), QStringLiteral("retryAction"),
                          QStringLiteral("deleteUnsentAction"), QStringLiteral("copyAction")}));
    const std::unique_ptr<QMenu> menu(view()->messageMenu(rowOf(unsent)));
    menu->findChild<QAction *>(QStringLiteral("deleteUnsentAction"))->trigger();
    QTRY_COMPARE(rowOf(unsent), -1);

    // A file of mine on its way: the file's items.
    CachedFile file;
    file.name = QStringLiteral("notes.txt");
    file.size = 5;
    const CachedMessage upload =
        f.controller->cache()->addPendingFile(QStringLiteral("menu-test-2"), QStringLiteral("bob"),
                                              file, QDateTime::currentMSecsSinceEpoch());
    messages()->upsert(upload);
    const int fileRow = messages()->rowOfLocalId(upload.localId);
    QVERIFY(fileRow >= 0);
    QCOMPARE(itemsOf(fileRow),
             (QStringList{QStringLiteral("openFileAction"), QStringLiteral("saveFileAction"),
                          QStringLiteral("showInFolderAction")}));
    f.controller->cache()->removeMessage(upload.localId);
    messages()->remove(upload.localId);

    // My sent message in a group: Info too.
    f.window->chatPage()->composeEdit()->setPlainText(QStringLiteral("sent by me"));
    QTest::keyClick(f.window->chatPage()->composeEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("sent by me")) >= 0 &&
                                 messages()
                                         ->index(rowOf(QStringLiteral("sent by me")))
                                         .data(MessageModel::MsgIdRole)
                                         .toLongLong() > 0,
                             kWait);
    const int sent = rowOf(QStringLiteral("sent by me"));
    QCOMPARE(itemsOf(sent),
             (QStringList{QStringLiteral("copyTextAction"), QStringLiteral("selectTextAction"),
                          QStringLiteral("deleteForMeAction")}));
    view()->setGroupChat(true);
    QCOMPARE(itemsOf(sent),
             (QStringList{QStringLiteral("copyTextAction"), QStringLiteral("selectTextAction"),
                          QStringLiteral("infoAction"), QStringLiteral("deleteForMeAction")}));
    view()->setGroupChat(false);
}

void TestGuiMessageMenu::copyTextAndLink()
{
    QApplication::clipboard()->clear();
    const int row = rowOf(kLinked);
    {
        const std::unique_ptr<QMenu> menu(view()->messageMenu(row));
        menu->findChild<QAction *>(QStringLiteral("copyTextAction"))->trigger();
    }
    QCOMPARE(QApplication::clipboard()->text(), kLinked);
    {
        const std::unique_ptr<QMenu> menu(view()->messageMenu(row));
        menu->findChild<QAction *>(QStringLiteral("copyLinkAction"))->trigger();
    }
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("http://www.example.org/news"));
    // Opened over the second address, the menu copies that one.
    const QPoint second = pointAt(row, int(kLinked.indexOf(QStringLiteral("palomar"))));
    QVERIFY(!second.isNull());
    {
        const std::unique_ptr<QMenu> menu(view()->messageMenu(row, second));
        menu->findChild<QAction *>(QStringLiteral("copyLinkAction"))->trigger();
    }
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("https://palomar.test/a?b=1"));
}

void TestGuiMessageMenu::keyboardOpensTheMenuOfTheCurrentMessage()
{
    const int row = rowOf(kPlain);
    view()->setCurrentIndex(view()->model()->index(row, 0));
    // (The copied text tells whose menu it was: not the newest message.)
    QTimer::singleShot(0, this, [] {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            QAction *copy = menu->findChild<QAction *>(QStringLiteral("copyTextAction"));
            menu->close();
            if (copy)
                copy->trigger();
        }
    });
    QApplication::clipboard()->clear();
    // What the Menu key and Shift+F10 send.
    QContextMenuEvent event(QContextMenuEvent::Keyboard, QPoint(5, 5),
                            view()->viewport()->mapToGlobal(QPoint(5, 5)));
    QApplication::sendEvent(view()->viewport(), &event);
    QTRY_COMPARE(QApplication::clipboard()->text(), kPlain);
}

void TestGuiMessageMenu::dragSelectsAndCopies()
{
    const int row = rowOf(kPlain);
    const int start = int(kPlain.indexOf(QStringLiteral("there")));
    const QPoint from = pointAt(row, start);
    const QPoint to = pointAt(row, start + 5);
    QVERIFY(!from.isNull() && !to.isNull());
    sendMouse(QEvent::MouseMove, from, Qt::NoButton);
    QCOMPARE(view()->viewport()->cursor().shape(), Qt::IBeamCursor);
    sendMouse(QEvent::MouseButtonPress, from, Qt::LeftButton);
    sendMouse(QEvent::MouseMove, (from + to) / 2, Qt::LeftButton);
    sendMouse(QEvent::MouseMove, to, Qt::LeftButton);
    sendMouse(QEvent::MouseButtonRelease, to, Qt::NoButton);
    QCOMPARE(view()->selectedText(), QStringLiteral("there"));
    QApplication::clipboard()->clear();
    QTest::keyClick(view(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("there"));
    // The menu offers the selection too.
    QVERIFY(itemsOf(row).contains(QStringLiteral("copySelectionAction")));
    // Dragging past the end of the text selects to its end.
    sendMouse(QEvent::MouseButtonPress, from, Qt::LeftButton);
    sendMouse(QEvent::MouseMove, view()->bubbleRect(row).bottomRight() + QPoint(40, 30),
              Qt::LeftButton);
    sendMouse(QEvent::MouseButtonRelease, from, Qt::NoButton);
    QCOMPARE(view()->selectedText(), kPlain.mid(start));
    // A click elsewhere clears it.
    sendMouse(QEvent::MouseButtonPress, QPoint(2, 2), Qt::LeftButton);
    sendMouse(QEvent::MouseButtonRelease, QPoint(2, 2), Qt::NoButton);
    QCOMPARE(view()->selectedText(), QString());
}

void TestGuiMessageMenu::selectTextFromTheMenu()
{
    const int row = rowOf(kPlain);
    {
        const std::unique_ptr<QMenu> menu(view()->messageMenu(row));
        menu->findChild<QAction *>(QStringLiteral("selectTextAction"))->trigger();
    }
    QCOMPARE(view()->selectedText(), kPlain);
    QApplication::clipboard()->clear();
    QTest::keyClick(view(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), kPlain);
    view()->clearTextSelection();
}

void TestGuiMessageMenu::typingInTheHistoryGoesToTheComposeBox()
{
    ComposeEdit *compose = f.window->chatPage()->composeEdit();
    compose->clear();
    view()->setFocus();
    QTest::keyClicks(view(), QStringLiteral("Hi"));
    QCOMPARE(compose->toPlainText(), QStringLiteral("Hi"));
    // Shortcuts and navigation keys stay with the history.
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(view(), Qt::Key_Up);
    QCOMPARE(compose->toPlainText(), QStringLiteral("Hi"));
    view()->clearTextSelection();
    compose->clear();
}

void TestGuiMessageMenu::linkClickOpensTheAddress()
{
    const int row = rowOf(kLinked);
    const QPoint onLink = pointAt(row, int(kLinked.indexOf(QStringLiteral("example"))));
    QVERIFY(!onLink.isNull());
    QCOMPARE(view()->linkAt(onLink), QUrl(QStringLiteral("http://www.example.org/news")));
    sendMouse(QEvent::MouseMove, onLink, Qt::NoButton);
    QCOMPARE(view()->viewport()->cursor().shape(), Qt::PointingHandCursor);
    m_urls.opened.clear();
    sendMouse(QEvent::MouseButtonPress, onLink, Qt::LeftButton);
    sendMouse(QEvent::MouseButtonRelease, onLink, Qt::NoButton);
    QCOMPARE(m_urls.opened, (QList<QUrl>{QUrl(QStringLiteral("http://www.example.org/news"))}));
    // Not over an address: nothing opens.
    const QPoint plain = pointAt(row, 1);
    QVERIFY(view()->linkAt(plain).isEmpty());
    sendMouse(QEvent::MouseButtonPress, plain, Qt::LeftButton);
    sendMouse(QEvent::MouseButtonRelease, plain, Qt::NoButton);
    QCOMPARE(m_urls.opened.size(), 1);
}

void TestGuiMessageMenu::deleteForMeAsksAndLasts()
{
    QVERIFY(f.sendToAlice(QStringLiteral("bob"), QStringLiteral("forget me")));
    QVERIFY(f.sendToAlice(QStringLiteral("bob"), QStringLiteral("keep me")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("forget me")) >= 0, kWait);
    const qint64 msgId = messages()
                             ->index(rowOf(QStringLiteral("forget me")))
                             .data(MessageModel::MsgIdRole)
                             .toLongLong();
    QVERIFY(msgId > 0);
    const auto deleteForMe = [this] {
        const std::unique_ptr<QMenu> menu(view()->messageMenu(rowOf(QStringLiteral("forget me"))));
        menu->findChild<QAction *>(QStringLiteral("deleteForMeAction"))->trigger();
        QMessageBox *box = nullptr;
        QTest::qWaitFor(
            [&] {
                return (
                    box = f.window->findChild<QMessageBox *>(QStringLiteral("confirmDeleteForMe")));
            },
            kWait);
        return box;
    };
    // Cancel keeps it.
    QMessageBox *box = deleteForMe();
    QVERIFY(box);
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!f.window->findChild<QMessageBox *>(QStringLiteral("confirmDeleteForMe")));
    QVERIFY(rowOf(QStringLiteral("forget me")) >= 0);
    // Delete removes it from the view and the cache; the chat list is unchanged (not the newest).
    box = deleteForMe();
    QVERIFY(box);
    QAbstractButton *yes = nullptr;
    for (QAbstractButton *button : box->buttons()) {
        if (button->text() == QStringLiteral("Delete"))
            yes = button;
    }
    QVERIFY(yes);
    yes->click();
    QTRY_COMPARE(rowOf(QStringLiteral("forget me")), -1);
    QVERIFY(rowOf(QStringLiteral("keep me")) >= 0);
    QVERIFY(!f.controller->cache()->messageByMsgId(msgId));
    // The server's copy is not stored again (history, or sync after a lost ack).
    Palomar::Client::Message again;
    again.msgId = msgId;
    again.from = QStringLiteral("bob");
    again.to = QStringLiteral("alice");
    again.text = QStringLiteral("forget me");
    again.ts = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(!f.controller->cache()
                 ->storeMessage(again, QStringLiteral("alice"), LocalCache::Origin::History)
                 .second);
    // After a restart of the window and the cache: still gone.
    QVERIFY(f.restart());
    QVERIFY(f.window->openChat(QStringLiteral("bob")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("keep me")) >= 0, kWait);
    QCOMPARE(rowOf(QStringLiteral("forget me")), -1);
    QVERIFY(!f.controller->cache()->messageByMsgId(msgId));
}

void TestGuiMessageMenu::viewerFollowsTheTheme()
{
    using Theme::Color;
    using Theme::Mode;
    auto *viewer = new PictureViewer(f.controller.get(), f.window.get());
    viewer->setAttribute(Qt::WA_DeleteOnClose, false);
    const std::unique_ptr<PictureViewer> owner(viewer);
    QLabel *position = viewer->findChild<QLabel *>(QStringLiteral("picturePosition"));
    QVERIFY(position);
    for (const Mode mode : {Mode::Light, Mode::Dark, Mode::Light}) {
        Theme::apply(qApp, mode, 100);
        QCOMPARE(viewer->palette().color(QPalette::Window),
                 Theme::color(Color::ViewerBackdrop, mode));
        QCOMPARE(viewer->palette().color(QPalette::WindowText),
                 Theme::color(Color::ViewerText, mode));
        QVERIFY(viewer->styleSheet().contains(Theme::color(Color::ViewerText, mode).name(),
                                              Qt::CaseInsensitive));
        // Readable on its backdrop in both.
        QVERIFY(Theme::contrast(Theme::color(Color::ViewerText, mode),
                                Theme::color(Color::ViewerBackdrop, mode)) >= 4.5);
        // What is painted: the backdrop in the theme's colour.
        viewer->resize(400, 300);
        const QImage image = viewer->grab().toImage();
        QCOMPARE(image.pixelColor(image.width() / 2, image.height() - 2).rgb(),
                 Theme::color(Color::ViewerBackdrop, mode).rgb());
    }
    QVERIFY(Theme::color(Color::ViewerBackdrop, Mode::Light).lightness() > 128);
    QVERIFY(Theme::color(Color::ViewerBackdrop, Mode::Dark).lightness() < 128);
}

QTEST_MAIN(TestGuiMessageMenu)
#include "tst_gui_messagemenu.moc"
