// The compose box (issue 18, defects 1 and 2 and the compose polish): a
// text over the server's max_text is never queued to fail but split or sent
// as a file; a failed message says why and offers Retry, Delete and Copy,
// and Delete is for good (after a restart too); drafts are per chat, kept
// across restarts and shown as "Draft:" in the chat list; the box grows to
// five lines, then scrolls; a counter of the bytes left near the limit; the
// preview before files go (caption, pictures compressed or as they are); a
// pasted picture opens it; the emoji picker.
#include "app/appcontroller.h"
#include "cache/cachetypes.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "util/textsplit.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/composeedit.h"
#include "widgets/emojipicker.h"
#include "widgets/longmessagedialog.h"
#include "widgets/mainwindow.h"
#include "widgets/sendfilesdialog.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;

namespace {
constexpr int kMaxText = 200;

// One account in its own window, on a cache that outlives it (a restart
// is a new App on the same folder).
struct App
{
    std::unique_ptr<AppController> controller;
    std::unique_ptr<MainWindow> window;

    bool logIn(quint16 port, const QString &user, const QString &cache)
    {
        controller = std::make_unique<AppController>();
        controller->setCacheDirectory(cache);
        window = std::make_unique<MainWindow>(controller.get());
        QSignalSpy opened(controller.get(), &AppController::accountOpened);
        controller->logIn({QStringLiteral("127.0.0.1"), port}, user, kPassword,
                          AppController::LoginMode::LogIn, ClientSession::LoginOption::Normal);
        if (!opened.wait(kWait))
            return false;
        window->resize(1000, 700);
        window->show();
        return QTest::qWaitForWindowExposed(window.get()) &&
               QTest::qWaitFor([this] { return controller->session()->isLoggedIn(); }, kWait);
    }
    void quit()
    {
        bool closed = false;
        controller->closeAccount(AppController::Farewell::LogOut, [&closed] { closed = true; });
        QVERIFY(QTest::qWaitFor([&closed] { return closed; }, kWait));
        window.reset();
        controller.reset();
    }
    ChatPage *page() const { return window->chatPage(); }
    ComposeEdit *compose() const { return page()->composeEdit(); }
    MessageModel *messages() const { return controller->messages(); }
    QVariant last(int role) const
    {
        return messages()->index(messages()->rowCount() - 1).data(role);
    }
    QVariant chat(const QString &peer, int role) const
    {
        ChatListModel *list = controller->chatList();
        return list->index(list->rowOf(peer)).data(role);
    }
    bool open(const QString &peer)
    {
        return QTest::qWaitFor([&] { return controller->chatList()->contains(peer); }, kWait) &&
               window->openChat(peer) && controller->currentChat() == peer;
    }
    template<class T> T *dialog() const
    {
        T *found = window->findChild<T *>();
        return found && found->isVisible() ? found : nullptr;
    }
    // The texts of the context menu of `row`, and triggers `choose` in it.
    QStringList menuOf(int row, const QString &choose = {})
    {
        ChatView *view = page()->view();
        view->scrollTo(view->model()->index(row, 0));
        QCoreApplication::processEvents();
        const QPoint at = view->bubbleRect(row).center();
        QStringList texts;
        QTimer::singleShot(0, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            QAction *chosen = nullptr;
            for (QAction *action : menu->actions()) {
                texts.append(action->text());
                if (action->text() == choose)
                    chosen = action;
            }
            menu->close();
            if (chosen)
                chosen->trigger();
        });
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
        QCoreApplication::sendEvent(view->viewport(), &event);
        return texts;
    }
};

// With PALOMAR_SHOT_DIR set, what the test sees is saved there as PNGs (to look at).
void shot(QWidget *widget, const QString &name)
{
    const QString directory = qEnvironmentVariable("PALOMAR_SHOT_DIR");
    if (!directory.isEmpty())
        widget->grab().save(directory + u'/' + name + QStringLiteral(".png"));
}

// Words and UTF-8 of 1 to 4 bytes, well over kMaxText.
QString longText()
{
    QStringList words;
    const QStringList pool{QStringLiteral("palomar"), QStringLiteral("Grüße"),
                           QStringLiteral("日本語"),  QStringLiteral("🕊️🙂"),
                           QStringLiteral("señal."),  QStringLiteral("message")};
    for (int i = 0; i < 90; ++i)
        words.append(pool.at(i % pool.size()) + QString::number(i));
    return words.join(u' ');
}
} // namespace

class TestGuiCompose : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void splitKeepsWordsAndCharacters_data();
    void splitKeepsWordsAndCharacters();
    void tooLongMessageIsSplit();
    void tooLongMessageGoesAsFile();
    void failedMessageSaysWhyAndCanBeDeleted();
    void draftsArePerChatAndKept();
    void composeGrowsThenScrolls();
    void counterNearTheLimit();
    void previewSendsCompressedPictureAndCaption();
    void previewSendsOriginalFile();
    void pastedPictureOpensThePreview();
    void emojiPickerInsertsEmoji();

private:
    ServerProcess m_server{{QStringLiteral("--max-text"), QString::number(kMaxText)}};
    QTemporaryDir m_dir;
    App m_alice;
};

void TestGuiCompose::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (qEnvironmentVariableIsSet("PALOMAR_SHOT_DIR"))
        Theme::apply(qApp);
    QVERIFY(m_server.start());
    for (const QString &user :
         {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")})
        QVERIFY(registerUser(m_server.port(), user));
    auto alice = connectedSession(m_server.port());
    QVERIFY(alice && logIn(alice.get(), QStringLiteral("alice")));
    for (const QString &friendName : {QStringLiteral("bob"), QStringLiteral("carol")}) {
        auto other = connectedSession(m_server.port());
        QVERIFY(other && logIn(other.get(), friendName));
        QVERIFY(awaitOk(alice->friendRequest(friendName)));
        QVERIFY(awaitOk(
            other->friendRespond(QStringLiteral("alice"), ClientSession::FriendResponse::Accept)));
        QVERIFY(awaitOk(other->logout()));
    }
    QVERIFY(awaitOk(alice->logout()));
    QVERIFY(m_alice.logIn(m_server.port(), QStringLiteral("alice"),
                          m_dir.filePath(QStringLiteral("cache"))));
    QCOMPARE(m_alice.controller->maxTextBytes(), kMaxText);
}

void TestGuiCompose::splitKeepsWordsAndCharacters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxBytes");
    QTest::newRow("words") << longText() << kMaxText;
    QTest::newRow("paragraphs") << (QString(150, u'a') + QStringLiteral("\n\n") +
                                    QString(150, u'b'))
                                << kMaxText;
    // One "word" longer than a part: cut between characters, never inside one.
    QTest::newRow("one long word")
        << QString(300, QChar(0x00E9)) + QStringLiteral("🙂🙂🙂") << 101;
    QTest::newRow("emoji only") << QStringLiteral("🕊").repeated(120) << 30;
}

void TestGuiCompose::splitKeepsWordsAndCharacters()
{
    QFETCH(QString, text);
    QFETCH(int, maxBytes);
    const QStringList parts = TextSplit::split(text, maxBytes);
    QVERIFY(parts.size() >= 2);
    QString joined;
    for (const QString &part : parts) {
        QVERIFY2(TextSplit::utf8Size(part) <= maxBytes, qPrintable(part));
        // Whole characters: no lone half of a surrogate pair.
        QCOMPARE(QString::fromUtf8(part.toUtf8()), part);
        QVERIFY(!part.front().isLowSurrogate() && !part.back().isHighSurrogate());
        joined += part;
    }
    // Nothing lost but the space where it was cut.
    QString expected = text;
    expected.remove(QRegularExpression(QStringLiteral("\\s")));
    joined.remove(QRegularExpression(QStringLiteral("\\s")));
    QCOMPARE(joined, expected);
    if (QTest::currentDataTag() == QByteArray("words")) {
        // Cut between words: every word of the text is whole in one part.
        for (const QString &part : parts) {
            for (const QString &word : part.split(u' '))
                QVERIFY2(text.split(u' ').contains(word), qPrintable(word));
        }
    }
}

void TestGuiCompose::tooLongMessageIsSplit()
{
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    const int before = m_alice.messages()->rowCount();
    const QString text = longText();
    m_alice.compose()->setPlainText(text);
    m_alice.compose()->setFocus();
    QTest::keyClick(m_alice.compose(), Qt::Key_Return);

    // Not sent as it is: the user is asked, and the text stays meanwhile.
    LongMessageDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_alice.dialog<LongMessageDialog>()), kWait);
    QCOMPARE(m_alice.messages()->rowCount(), before);
    QCOMPARE(m_alice.compose()->toPlainText(), text);
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("longMessageExplanation"))
                ->text()
                .contains(QLocale().toString(kMaxText)));
    const QStringList parts = dialog->parts();
    QVERIFY(parts.size() >= 2);
    shot(dialog, QStringLiteral("compose-too-long"));
    dialog->splitButton()->click();

    QTRY_COMPARE_WITH_TIMEOUT(m_alice.messages()->rowCount(), before + parts.size(), kWait);
    QVERIFY(m_alice.compose()->toPlainText().isEmpty());
    for (int i = 0; i < parts.size(); ++i) {
        const QModelIndex index = m_alice.messages()->index(before + i);
        QCOMPARE(index.data(MessageModel::TextRole).toString(), parts.at(i));
        QTRY_VERIFY_WITH_TIMEOUT(DeliveryStatus(index.data(MessageModel::StatusRole).toInt()) >=
                                     DeliveryStatus::Sent,
                                 kWait);
    }
}

void TestGuiCompose::tooLongMessageGoesAsFile()
{
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    const QString text = longText() + QStringLiteral("\nthe end");
    m_alice.compose()->setPlainText(text);
    m_alice.compose()->setFocus();
    QTest::keyClick(m_alice.compose(), Qt::Key_Return);
    LongMessageDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_alice.dialog<LongMessageDialog>()), kWait);
    dialog->fileButton()->click();

    QTRY_VERIFY_WITH_TIMEOUT(m_alice.last(MessageModel::IsFileRole).toBool(), kWait);
    QVERIFY(m_alice.last(MessageModel::FileNameRole).toString().endsWith(QStringLiteral(".txt")));
    QFile file(m_alice.last(MessageModel::FilePathRole).toString());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), text);
    QTRY_VERIFY_WITH_TIMEOUT(DeliveryStatus(m_alice.last(MessageModel::StatusRole).toInt()) >=
                                 DeliveryStatus::Sent,
                             kWait);
    QVERIFY(m_alice.compose()->toPlainText().isEmpty());
}

void TestGuiCompose::failedMessageSaysWhyAndCanBeDeleted()
{
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    // Past the compose box's own check (as a message queued before the
    // limit was known): the server's limit refuses it.
    const QString text = QStringLiteral("x").repeated(kMaxText + 1);
    m_alice.controller->sendMessage(text);
    QTRY_COMPARE_WITH_TIMEOUT(DeliveryStatus(m_alice.last(MessageModel::StatusRole).toInt()),
                              DeliveryStatus::Failed, kWait);
    QVERIFY(!m_alice.last(MessageModel::FailureRole).toString().isEmpty());
    QCOMPARE(
        DeliveryStatus(m_alice.chat(QStringLiteral("bob"), ChatListModel::LastStatusRole).toInt()),
        DeliveryStatus::Failed);
    shot(m_alice.window.get(), QStringLiteral("compose-failed"));
    const int row = m_alice.messages()->rowCount() - 1;
    const QString clientId = m_alice.last(MessageModel::ClientIdRole).toString();

    // The menu says why and offers Retry, Delete and Copy.
    const QStringList menu = m_alice.menuOf(row, QStringLiteral("Copy"));
    QVERIFY2(menu.contains(m_alice.last(MessageModel::FailureRole).toString()),
             qPrintable(menu.join(u'|')));
    QVERIFY2(menu.contains(QStringLiteral("Retry")) && menu.contains(QStringLiteral("Delete")) &&
                 menu.contains(QStringLiteral("Copy")),
             qPrintable(menu.join(u'|')));
    QCOMPARE(QApplication::clipboard()->text(), text);

    m_alice.menuOf(row, QStringLiteral("Delete"));
    QTRY_COMPARE(m_alice.messages()->rowOfClientId(clientId), -1);
    QVERIFY(DeliveryStatus(
                m_alice.chat(QStringLiteral("bob"), ChatListModel::LastStatusRole).toInt()) !=
            DeliveryStatus::Failed);

    // Gone for good: a restart on the same cache does not bring it back.
    m_alice.quit();
    QVERIFY(m_alice.logIn(m_server.port(), QStringLiteral("alice"),
                          m_dir.filePath(QStringLiteral("cache"))));
    QVERIFY(DeliveryStatus(
                m_alice.chat(QStringLiteral("bob"), ChatListModel::LastStatusRole).toInt()) !=
            DeliveryStatus::Failed);
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    QCOMPARE(m_alice.messages()->rowOfClientId(clientId), -1);

    // Retry of a text over the limit would fail again: it comes back to the
    // box, and the user is offered to split it or send it as a file.
    m_alice.controller->sendMessage(text);
    QTRY_COMPARE_WITH_TIMEOUT(DeliveryStatus(m_alice.last(MessageModel::StatusRole).toInt()),
                              DeliveryStatus::Failed, kWait);
    const QString again = m_alice.last(MessageModel::ClientIdRole).toString();
    m_alice.menuOf(m_alice.messages()->rowCount() - 1, QStringLiteral("Retry"));
    LongMessageDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_alice.dialog<LongMessageDialog>()), kWait);
    QCOMPARE(m_alice.messages()->rowOfClientId(again), -1);
    QCOMPARE(m_alice.compose()->toPlainText(), text);
    dialog->splitButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_alice.last(MessageModel::TextRole).toString(), QStringLiteral("x"),
                              kWait);
    QTRY_VERIFY_WITH_TIMEOUT(DeliveryStatus(m_alice.last(MessageModel::StatusRole).toInt()) >=
                                 DeliveryStatus::Sent,
                             kWait);
    QVERIFY(m_alice.compose()->toPlainText().isEmpty());
}

void TestGuiCompose::draftsArePerChatAndKept()
{
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    QTest::keyClicks(m_alice.compose(), QStringLiteral("for bob"));
    QVERIFY(m_alice.open(QStringLiteral("carol")));
    // Not carried over: Enter here would not send bob's text to carol.
    QCOMPARE(m_alice.compose()->toPlainText(), QString());
    QTest::keyClicks(m_alice.compose(), QStringLiteral("for carol"));
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    QCOMPARE(m_alice.compose()->toPlainText(), QStringLiteral("for bob"));
    QCOMPARE(m_alice.chat(QStringLiteral("carol"), ChatListModel::DraftRole).toString(),
             QStringLiteral("for carol"));
    shot(m_alice.window.get(), QStringLiteral("compose-draft"));

    m_alice.quit();
    QVERIFY(m_alice.logIn(m_server.port(), QStringLiteral("alice"),
                          m_dir.filePath(QStringLiteral("cache"))));
    QCOMPARE(m_alice.chat(QStringLiteral("bob"), ChatListModel::DraftRole).toString(),
             QStringLiteral("for bob"));
    QCOMPARE(m_alice.chat(QStringLiteral("carol"), ChatListModel::DraftRole).toString(),
             QStringLiteral("for carol"));
    QVERIFY(m_alice.open(QStringLiteral("carol")));
    QCOMPARE(m_alice.compose()->toPlainText(), QStringLiteral("for carol"));
    // Sending clears the draft.
    QTest::keyClick(m_alice.compose(), Qt::Key_Return);
    QTRY_COMPARE(m_alice.last(MessageModel::TextRole).toString(), QStringLiteral("for carol"));
    QTRY_VERIFY_WITH_TIMEOUT(DeliveryStatus(m_alice.last(MessageModel::StatusRole).toInt()) >=
                                 DeliveryStatus::Sent,
                             kWait);
    QTRY_VERIFY(DeliveryStatus(
                    m_alice.chat(QStringLiteral("carol"), ChatListModel::LastStatusRole).toInt()) >=
                DeliveryStatus::Sent);
    QCOMPARE(m_alice.chat(QStringLiteral("carol"), ChatListModel::DraftRole).toString(), QString());
    m_alice.compose()->clear();
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    m_alice.compose()->clear();
}

void TestGuiCompose::composeGrowsThenScrolls()
{
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    ComposeEdit *compose = m_alice.compose();
    compose->clear();
    QCOMPARE(compose->height(), compose->heightForLines(1));
    // A paste of three lines: all three show.
    QApplication::clipboard()->setText(QStringLiteral("one\ntwo\nthree"));
    compose->paste();
    QTRY_COMPARE(compose->height(), compose->heightForLines(3));
    QCOMPARE(compose->verticalScrollBar()->maximum(), 0);
    // A long paste: five lines, then it scrolls.
    QApplication::clipboard()->setText(QStringLiteral("line\n").repeated(20) +
                                       QStringLiteral("word ").repeated(80));
    compose->paste();
    QTRY_COMPARE(compose->height(), compose->heightForLines(5));
    QTRY_VERIFY(compose->verticalScrollBar()->maximum() > 0);
    shot(m_alice.window.get(), QStringLiteral("compose-five-lines"));
    // One long line wraps: it grows too.
    compose->setPlainText(QStringLiteral("wrapping ").repeated(30));
    QTRY_VERIFY(compose->height() > compose->heightForLines(1));
    compose->clear();
    QTRY_COMPARE(compose->height(), compose->heightForLines(1));
}

void TestGuiCompose::counterNearTheLimit()
{
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    QLabel *counter = m_alice.page()->counter();
    m_alice.compose()->setPlainText(QStringLiteral("a").repeated(100));
    QVERIFY(!counter->isVisible());
    // UTF-8 bytes as the server counts: 60 × "é" is 120 bytes, + 65 = 185.
    m_alice.compose()->setPlainText(QString(60, QChar(0x00E9)) + QStringLiteral("b").repeated(65));
    QVERIFY(counter->isVisible());
    QCOMPARE(counter->text(), QStringLiteral("15"));
    shot(m_alice.window.get(), QStringLiteral("compose-counter"));
    m_alice.compose()->setPlainText(QString(110, QChar(0x00E9)));
    QCOMPARE(counter->text(), QStringLiteral("−20"));
    m_alice.compose()->clear();
    QVERIFY(!counter->isVisible());
}

void TestGuiCompose::previewSendsCompressedPictureAndCaption()
{
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    QImage picture(3000, 2000, QImage::Format_RGB32);
    picture.fill(QColor(40, 120, 200));
    const QString path = m_dir.filePath(QStringLiteral("holiday.png"));
    QVERIFY(picture.save(path));

    m_alice.page()->previewFiles({path});
    SendFilesDialog *preview = nullptr;
    QTRY_VERIFY((preview = m_alice.dialog<SendFilesDialog>()));
    QVERIFY(preview->hasPictures());
    QVERIFY(preview->compressBox()->isVisible() && preview->compressBox()->isChecked());
    preview->captionEdit()->setText(QStringLiteral("Look at this"));
    shot(preview, QStringLiteral("compose-preview"));
    const int before = m_alice.messages()->rowCount();
    preview->sendButton()->click();

    // The picture went scaled down as JPEG, and the caption right after it.
    QTRY_VERIFY_WITH_TIMEOUT(m_alice.messages()->rowCount() >= before + 2, kWait);
    const QModelIndex file = m_alice.messages()->index(before);
    QCOMPARE(file.data(MessageModel::FileNameRole).toString(), QStringLiteral("holiday.jpg"));
    QImageReader sent(file.data(MessageModel::FilePathRole).toString());
    QCOMPARE(sent.format(), QByteArray("jpeg"));
    QCOMPARE(sent.size().width(), 1600);
    QVERIFY(qAbs(sent.size().height() - 1067) <= 1);
    const QModelIndex caption = m_alice.messages()->index(before + 1);
    QCOMPARE(caption.data(MessageModel::TextRole).toString(), QStringLiteral("Look at this"));
    QTRY_VERIFY_WITH_TIMEOUT(DeliveryStatus(caption.data(MessageModel::StatusRole).toInt()) >=
                                 DeliveryStatus::Sent,
                             kWait);
    QVERIFY(caption.data(MessageModel::MsgIdRole).toLongLong() >
            file.data(MessageModel::MsgIdRole).toLongLong());
}

void TestGuiCompose::previewSendsOriginalFile()
{
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    QImage picture(900, 600, QImage::Format_ARGB32);
    picture.fill(QColor(200, 40, 40, 128));
    const QString path = m_dir.filePath(QStringLiteral("original.png"));
    QVERIFY(picture.save(path));
    m_alice.page()->previewFiles({path});
    SendFilesDialog *preview = nullptr;
    QTRY_VERIFY((preview = m_alice.dialog<SendFilesDialog>()));
    preview->compressBox()->setChecked(false);
    preview->sendButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_alice.last(MessageModel::FileNameRole).toString(),
                              QStringLiteral("original.png"), kWait);
    QCOMPARE(QFileInfo(m_alice.last(MessageModel::FilePathRole).toString()).canonicalFilePath(),
             QFileInfo(path).canonicalFilePath());
    QTRY_VERIFY_WITH_TIMEOUT(DeliveryStatus(m_alice.last(MessageModel::StatusRole).toInt()) >=
                                 DeliveryStatus::Sent,
                             kWait);
}

void TestGuiCompose::pastedPictureOpensThePreview()
{
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    QImage picture(320, 200, QImage::Format_RGB32);
    picture.fill(QColor(20, 160, 90));
    QApplication::clipboard()->setImage(picture);
    m_alice.compose()->setFocus();
    m_alice.compose()->paste();
    SendFilesDialog *preview = nullptr;
    QTRY_VERIFY((preview = m_alice.dialog<SendFilesDialog>()));
    QCOMPARE(preview->paths().size(), 1);
    QCOMPARE(QImage(preview->paths().first()).size(), picture.size());
    // Not text: nothing was pasted into the box.
    QCOMPARE(m_alice.compose()->toPlainText(), QString());
    preview->reject();
    QTRY_VERIFY(!m_alice.dialog<SendFilesDialog>());
}

void TestGuiCompose::emojiPickerInsertsEmoji()
{
    QVERIFY(m_alice.open(QStringLiteral("bob")));
    m_alice.compose()->setPlainText(QStringLiteral("Hi "));
    m_alice.compose()->moveCursor(QTextCursor::End);
    QVERIFY(m_alice.page()->emojiButton()->isVisible());
    m_alice.page()->emojiButton()->click();
    EmojiPicker *picker = nullptr;
    QTRY_VERIFY((picker = m_alice.page()->findChild<EmojiPicker *>()) && picker->isVisible());
    shot(picker, QStringLiteral("compose-emoji"));
    auto *smile = findByAccessibleName<QToolButton>(picker, EmojiPicker::emoji().first());
    QVERIFY(smile);
    smile->click();
    QCOMPARE(m_alice.compose()->toPlainText(),
             QStringLiteral("Hi ") + EmojiPicker::emoji().first());
    QTRY_VERIFY(!m_alice.page()->findChild<EmojiPicker *>());
    m_alice.compose()->clear();
}

QTEST_MAIN(TestGuiCompose)
#include "tst_gui_compose.moc"
