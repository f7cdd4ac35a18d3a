// Two users: alice in the real main window, bob as a plain ClientSession.
// A friend request accepted with the Accept button, a message typed into
// the compose box and sent with Enter, its ticks going pending -> sent ->
// delivered -> read as bob syncs and reads, and the delegate painting it.
#include "app/appcontroller.h"
#include "cache/cachetypes.h"
#include "client/reply.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/composeedit.h"
#include "widgets/mainwindow.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;

class TestGuiChat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void friendRequestAcceptedThroughUi();
    void sendWithEnterAndWatchTicks();
    void incomingMessageShowsUnread();
    void olderHistoryPagesIn();
    void cleanupTestCase();

private:
    ServerProcess m_server;
    QTemporaryDir m_cacheDir;
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<ClientSession> m_bob;
};

void TestGuiChat::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.start());
    QVERIFY(registerUser(m_server.port(), QStringLiteral("alice")));
    QVERIFY(registerUser(m_server.port(), QStringLiteral("bob")));

    m_controller = std::make_unique<AppController>();
    m_controller->setCacheDirectory(m_cacheDir.path());
    m_window = std::make_unique<MainWindow>(m_controller.get());
    QSignalSpy opened(m_controller.get(), &AppController::accountOpened);
    m_controller->logIn({QStringLiteral("127.0.0.1"), m_server.port()}, QStringLiteral("alice"),
                        kPassword, AppController::LoginMode::LogIn,
                        ClientSession::LoginOption::Normal);
    QVERIFY(opened.wait(kWait));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    m_bob = connectedSession(m_server.port());
    QVERIFY(m_bob);
    QVERIFY(logIn(m_bob.get(), QStringLiteral("bob")));
}

void TestGuiChat::friendRequestAcceptedThroughUi()
{
    QVERIFY(awaitOk(m_bob->friendRequest(QStringLiteral("alice"))));
    QPushButton *accept = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((accept = findByAccessibleName<QPushButton>(
                                  m_window.get(), QStringLiteral("accept:bob"))) &&
                                 accept->isVisible(),
                             kWait);
    QSignalSpy bobAdded(m_bob.get(), &ClientSession::friendAdded);
    QTest::mouseClick(accept, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->chatList()->contains(QStringLiteral("bob")), kWait);
    QVERIFY(bobAdded.count() == 1 || bobAdded.wait(kWait));
    QCOMPARE(bobAdded.first().first().toString(), QStringLiteral("alice"));
    QTRY_VERIFY(!findByAccessibleName<QPushButton>(m_window.get(), QStringLiteral("accept:bob")));
}

void TestGuiChat::sendWithEnterAndWatchTicks()
{
    QVERIFY(m_window->openChat(QStringLiteral("bob")));
    MessageModel *model = m_controller->messages();
    QCOMPARE(model->peer(), QStringLiteral("bob"));

    // Record every status the new row goes through.
    QList<DeliveryStatus> seen;
    auto record = [&] {
        if (model->rowCount() == 0)
            return;
        const auto status = DeliveryStatus(
            model->index(model->rowCount() - 1).data(MessageModel::StatusRole).toInt());
        if (seen.isEmpty() || seen.last() != status)
            seen.append(status);
    };
    QObject recorder; // disconnects the recording at the end of this test
    connect(model, &QAbstractItemModel::dataChanged, &recorder, record);
    connect(model, &QAbstractItemModel::rowsInserted, &recorder, record);

    QSignalSpy bobReceived(m_bob.get(), &ClientSession::messageReceived);
    ComposeEdit *compose = m_window->chatPage()->composeEdit();
    compose->setFocus();
    const QString text = QStringLiteral("Hello Bob! Lunch at 12:30? 👋");
    QTest::keyClicks(compose, QStringLiteral("Hello Bob! Lunch at 12:30?"));
    compose->insertPlainText(QStringLiteral(" 👋")); // as an input method would

    QTest::keyClick(compose, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(compose, QStringLiteral("Second line"));
    QTest::keyClick(compose, Qt::Key_Return);
    QVERIFY(compose->toPlainText().isEmpty());

    QVERIFY(bobReceived.count() == 1 || bobReceived.wait(kWait));
    const auto message = bobReceived.first().first().value<Palomar::Client::Message>();
    QCOMPARE(message.text, text + QStringLiteral("\nSecond line"));
    QCOMPARE(message.from, QStringLiteral("alice"));

    const auto lastStatus = [model] {
        return DeliveryStatus(
            model->index(model->rowCount() - 1).data(MessageModel::StatusRole).toInt());
    };
    QTRY_COMPARE_WITH_TIMEOUT(lastStatus(), DeliveryStatus::Delivered, kWait);
    const qint64 msgId =
        model->index(model->rowCount() - 1).data(MessageModel::MsgIdRole).toLongLong();
    QCOMPARE(msgId, message.msgId);

    QVERIFY(awaitOk(m_bob->markRead(QStringLiteral("alice"), msgId)));
    QTRY_COMPARE_WITH_TIMEOUT(lastStatus(), DeliveryStatus::Read, kWait);
    QCOMPARE(seen, (QList<DeliveryStatus>{DeliveryStatus::Pending, DeliveryStatus::Sent,
                                          DeliveryStatus::Delivered, DeliveryStatus::Read}));

    // The chat list shows the last message with its ticks.
    const int row = m_controller->chatList()->rowOf(QStringLiteral("bob"));
    const QModelIndex chat = m_controller->chatList()->index(row);
    QCOMPARE(chat.data(ChatListModel::LastStatusRole).toInt(), int(DeliveryStatus::Read));
    QVERIFY(chat.data(ChatListModel::PreviewRole).toString().startsWith(QStringLiteral("Hello")));

    // The delegate paints every state without trouble.
    const QPixmap shot = m_window->chatPage()->view()->viewport()->grab();
    QVERIFY(!shot.isNull());
    QVERIFY(!m_window->grab().isNull());
}

void TestGuiChat::incomingMessageShowsUnread()
{
    // Close the chat view's path to "read": bob writes while alice looks elsewhere.
    m_window->openChat(QStringLiteral("bob"));
    QSignalSpy arrived(m_controller.get(), &AppController::incomingMessageArrived);
    QString error;
    QVERIFY(awaitOk(m_bob->request(QStringLiteral("send"),
                                   {{QStringLiteral("to"), QStringLiteral("alice")},
                                    {QStringLiteral("text"), QStringLiteral("Sounds good 🎉")}}),
                    &error));
    QVERIFY(arrived.count() == 1 || arrived.wait(kWait));
    MessageModel *model = m_controller->messages();
    QTRY_COMPARE(model->index(model->rowCount() - 1).data(MessageModel::TextRole).toString(),
                 QStringLiteral("Sounds good 🎉"));
    QVERIFY(!model->index(model->rowCount() - 1).data(MessageModel::OutgoingRole).toBool());
    QVERIFY(!model->index(model->rowCount() - 1).data(MessageModel::FirstInGroupRole).isNull());
    QVERIFY(!m_window->chatPage()->view()->viewport()->grab().isNull());
}

void TestGuiChat::olderHistoryPagesIn()
{
    // 120 messages from bob: more than one page of server history.
    for (int i = 0; i < 120; ++i) {
        m_bob->request(QStringLiteral("send"),
                       {{QStringLiteral("to"), QStringLiteral("alice")},
                        {QStringLiteral("text"), QStringLiteral("filler %1").arg(i)}});
    }
    QVERIFY(awaitOk(m_bob->ping()));
    MessageModel *model = m_controller->messages();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 122, kWait);

    // A fresh controller on an empty cache sees only server history: it must page.
    QTemporaryDir freshDir;
    AppController fresh;
    fresh.setCacheDirectory(freshDir.path());
    QSignalSpy opened(&fresh, &AppController::accountOpened);
    fresh.logIn({QStringLiteral("127.0.0.1"), m_server.port()}, QStringLiteral("alice"), kPassword,
                AppController::LoginMode::LogIn, ClientSession::LoginOption::Takeover);
    QVERIFY(opened.wait(kWait));
    QTRY_VERIFY_WITH_TIMEOUT(fresh.chatList()->contains(QStringLiteral("bob")), kWait);
    fresh.openChat(QStringLiteral("bob"));
    MessageModel *messages = fresh.messages();
    QTRY_COMPARE_WITH_TIMEOUT(messages->rowCount(), 50, kWait);
    QVERIFY(messages->canFetchMore({}));
    messages->fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(messages->rowCount(), 100, kWait);
    messages->fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(messages->rowCount(), 122, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(!messages->canFetchMore({}), kWait);
    QCOMPARE(messages->index(0).data(MessageModel::TextRole).toString(),
             QStringLiteral("Hello Bob! Lunch at 12:30? 👋\nSecond line"));
    // The main window's session was taken over: it is back to no account.
    QTRY_VERIFY_WITH_TIMEOUT(!m_controller->hasAccount(), kWait);
}

void TestGuiChat::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
}

QTEST_MAIN(TestGuiChat)
#include "tst_gui_chat.moc"
