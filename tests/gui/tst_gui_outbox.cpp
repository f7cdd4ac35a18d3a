// Offline-first: a message written while the server is down waits in the
// persistent outbox, survives quitting, and is delivered exactly once by a
// new app instance on the same cache once the server is back. The cache
// also shows history before the network answers. A message the server
// answers `unavailable` (its storage down, played by the relay) stays
// pending under a "retrying" notice and goes once the server serves again.
// A window left open while the server restarts (stopped or killed) comes back
// on the same session with nothing but the reconnecting notice.
#include "app/appcontroller.h"
#include "app/connectionkeeper.h"
#include "cache/cachetypes.h"
#include "cache/localcache.h"
#include "client/reply.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "support/tcpproxy.h"
#include "widgets/chatpage.h"
#include "widgets/connectionbanner.h"
#include "widgets/mainwindow.h"

#include <QJsonArray>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;
using Palomar::Testing::TcpProxy;

namespace {
DeliveryStatus statusOf(const MessageModel *model, int row)
{
    return DeliveryStatus(model->index(row).data(MessageModel::StatusRole).toInt());
}

// How many messages with `text` `reader` finds in the chat with `peer`.
int copiesOf(ClientSession *reader, const QString &peer, const QString &text)
{
    QJsonObject history;
    if (!awaitOk(reader->history(peer), nullptr, &history))
        return -1;
    int copies = 0;
    const QJsonArray messages = history.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &value : messages)
        copies += value.toObject().value(QStringLiteral("text")).toString() == text ? 1 : 0;
    return copies;
}
} // namespace

class TestGuiOutbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void messageSurvivesQuitAndIsDeliveredOnce();
    void unavailableServerLeavesMessagePending();
    void openWindowRidesThroughARestart_data();
    void openWindowRidesThroughARestart();

private:
    ServerProcess m_server;
    QTemporaryDir m_cacheDir;
};

void TestGuiOutbox::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.start());
    QVERIFY(registerUser(m_server.port(), QStringLiteral("alice")));
    QVERIFY(registerUser(m_server.port(), QStringLiteral("bob")));
    auto alice = connectedSession(m_server.port());
    auto bob = connectedSession(m_server.port());
    QVERIFY(alice && bob);
    QVERIFY(logIn(alice.get(), QStringLiteral("alice")));
    QVERIFY(logIn(bob.get(), QStringLiteral("bob")));
    QVERIFY(awaitOk(alice->friendRequest(QStringLiteral("bob"))));
    QVERIFY(awaitOk(
        bob->friendRespond(QStringLiteral("alice"), ClientSession::FriendResponse::Accept)));
    QVERIFY(awaitOk(bob->request(QStringLiteral("send"),
                                 {{QStringLiteral("to"), QStringLiteral("alice")},
                                  {QStringLiteral("text"), QStringLiteral("Are you there?")}})));
    QVERIFY(awaitOk(alice->logout()));
    QVERIFY(awaitOk(bob->logout()));
}

void TestGuiOutbox::messageSurvivesQuitAndIsDeliveredOnce()
{
    const ServerAddress address{QStringLiteral("127.0.0.1"), m_server.port()};
    const QString text = QStringLiteral("Written while the server was down ✈");
    QString token;
    {
        AppController first;
        first.setCacheDirectory(m_cacheDir.path());
        first.connectionKeeper()->setDelays(200, 1000);
        MainWindow window(&first);
        QSignalSpy opened(&first, &AppController::accountOpened);
        first.logIn(address, QStringLiteral("alice"), kPassword, AppController::LoginMode::LogIn,
                    ClientSession::LoginOption::Normal);
        QVERIFY(opened.wait(kWait));
        token = first.session()->token();
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(first.chatList()->contains(QStringLiteral("bob")), kWait);
        QVERIFY(window.openChat(QStringLiteral("bob")));
        QTRY_COMPARE_WITH_TIMEOUT(first.messages()->rowCount(), 1, kWait);

        m_server.kill();
        QTRY_VERIFY_WITH_TIMEOUT(!first.session()->isLoggedIn(), kWait);
        // The pill says so, without any dialog.
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionBanner()->isVisible(), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(
            window.connectionBanner()->text().startsWith(QStringLiteral("Reconnecting in")) ||
                window.connectionBanner()->text().startsWith(QStringLiteral("Connecting")),
            kWait);

        first.sendMessage(text);
        MessageModel *model = first.messages();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(DeliveryStatus(model->index(1).data(MessageModel::StatusRole).toInt()),
                 DeliveryStatus::Pending);
        QVERIFY(!window.chatPage()->grab().isNull());

        bool closed = false;
        first.closeAccount(AppController::Farewell::KeepSession, [&closed] { closed = true; });
        QTRY_VERIFY(closed);
    }

    QVERIFY(m_server.restart());
    {
        AppController second;
        second.setCacheDirectory(m_cacheDir.path());
        QSignalSpy opened(&second, &AppController::accountOpened);
        // A remembered session: the cache is shown at once, before the network.
        second.resume(address, QStringLiteral("alice"), token);
        QCOMPARE(opened.count(), 1);
        QVERIFY(second.chatList()->contains(QStringLiteral("bob")));
        second.openChat(QStringLiteral("bob"));
        MessageModel *model = second.messages();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(1).data(MessageModel::TextRole).toString(), text);
        QCOMPARE(DeliveryStatus(model->index(1).data(MessageModel::StatusRole).toInt()),
                 DeliveryStatus::Pending);

        QTRY_VERIFY_WITH_TIMEOUT(second.session()->isLoggedIn(), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(
            DeliveryStatus(model->index(1).data(MessageModel::StatusRole).toInt()),
            DeliveryStatus::Sent, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(second.cache()->outboxEntries().isEmpty(), kWait);

        // Bob's view: exactly one copy.
        auto bob = connectedSession(m_server.port());
        QVERIFY(bob);
        QVERIFY(logIn(bob.get(), QStringLiteral("bob")));
        QCOMPARE(copiesOf(bob.get(), QStringLiteral("alice"), text), 1);

        // Bob syncs: alice sees delivered.
        QTRY_COMPARE_WITH_TIMEOUT(
            DeliveryStatus(model->index(1).data(MessageModel::StatusRole).toInt()),
            DeliveryStatus::Delivered, kWait);
        bool closed = false;
        second.closeAccount(AppController::Farewell::LogOut, [&closed] { closed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(closed, kWait);
    }
}

void TestGuiOutbox::unavailableServerLeavesMessagePending()
{
    const QString carol = QStringLiteral("carol"), dave = QStringLiteral("dave");
    QVERIFY(registerUser(m_server.port(), carol));
    QVERIFY(registerUser(m_server.port(), dave));
    auto daveSession = connectedSession(m_server.port());
    QVERIFY(daveSession && logIn(daveSession.get(), dave));
    {
        auto carolSession = connectedSession(m_server.port());
        QVERIFY(carolSession && logIn(carolSession.get(), carol));
        QVERIFY(awaitOk(carolSession->friendRequest(dave)));
        QVERIFY(awaitOk(daveSession->friendRespond(carol, ClientSession::FriendResponse::Accept)));
        QVERIFY(awaitOk(carolSession->logout()));
    }

    TcpProxy proxy(m_server.port());
    QVERIFY(proxy.listen());
    AppController app;
    app.setCacheDirectory(m_cacheDir.path());
    MainWindow window(&app);
    QSignalSpy opened(&app, &AppController::accountOpened);
    app.logIn({QStringLiteral("127.0.0.1"), proxy.port()}, carol, kPassword,
              AppController::LoginMode::LogIn, ClientSession::LoginOption::Normal);
    QVERIFY(opened.wait(kWait));
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(app.chatList()->contains(dave), kWait);
    QVERIFY(window.openChat(dave));
    auto *status = window.findChild<QLabel *>(QStringLiteral("connectionStatus"));
    QVERIFY(status);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Connected"), kWait);

    // The storage goes down: every request but hello and ping is refused.
    proxy.answerUnavailable({});
    const QString text = QStringLiteral("Is the database back?");
    app.sendMessage(text);
    MessageModel *model = app.messages();
    const int row = model->rowCount() - 1;
    QCOMPARE(model->index(row).data(MessageModel::TextRole).toString(), text);
    // The reconnecting kind of notice, in the status bar and the pill; no error.
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("server unavailable")), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionBanner()->isVisible(), kWait);
    QVERIFY2(window.connectionBanner()->text().startsWith(QStringLiteral("Server unavailable")),
             qPrintable(window.connectionBanner()->text()));
    // Asked again after the wait, and refused again: still pending (the clock, not Retry).
    QTRY_VERIFY_WITH_TIMEOUT(proxy.unavailableAnswered() >= 2, kWait);
    QCOMPARE(statusOf(model, row), DeliveryStatus::Pending);
    QCOMPARE(app.cache()->outboxEntries().size(), 1);
    QVERIFY(!window.chatPage()->grab().isNull());

    proxy.stopAnsweringUnavailable();
    // Sent, and by now maybe delivered too: Dave's long poll picks it up.
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(model, row) == DeliveryStatus::Sent ||
                                 statusOf(model, row) == DeliveryStatus::Delivered,
                             kWait);
    QTRY_VERIFY_WITH_TIMEOUT(app.cache()->outboxEntries().isEmpty(), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Connected"), kWait);
    QVERIFY(!window.connectionBanner()->isVisible());
    QCOMPARE(copiesOf(daveSession.get(), carol, text), 1);

    bool closed = false;
    app.closeAccount(AppController::Farewell::LogOut, [&closed] { closed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(closed, kWait);
}

void TestGuiOutbox::openWindowRidesThroughARestart_data()
{
    QTest::addColumn<bool>("killed");
    QTest::newRow("stopped") << false;
    QTest::newRow("killed") << true;
}

void TestGuiOutbox::openWindowRidesThroughARestart()
{
    QFETCH(bool, killed);
    const QString me = killed ? QStringLiteral("frank") : QStringLiteral("erin");
    const QString peer = killed ? QStringLiteral("grace") : QStringLiteral("hank");
    QVERIFY(registerUser(m_server.port(), me));
    QVERIFY(registerUser(m_server.port(), peer));
    {
        auto a = connectedSession(m_server.port());
        auto b = connectedSession(m_server.port());
        QVERIFY(a && b && logIn(a.get(), me) && logIn(b.get(), peer));
        QVERIFY(awaitOk(a->friendRequest(peer)));
        QVERIFY(awaitOk(b->friendRespond(me, ClientSession::FriendResponse::Accept)));
        QVERIFY(awaitOk(a->logout()));
        QVERIFY(awaitOk(b->logout()));
    }
    QTemporaryDir cacheDir;
    AppController app;
    app.setCacheDirectory(cacheDir.path());
    app.connectionKeeper()->setDelays(200, 1000);
    MainWindow window(&app);
    QSignalSpy opened(&app, &AppController::accountOpened);
    QSignalSpy ended(&app, &AppController::sessionEnded);
    QSignalSpy failed(&app, &AppController::loginFailed);
    app.logIn({QStringLiteral("127.0.0.1"), m_server.port()}, me, kPassword,
              AppController::LoginMode::LogIn, ClientSession::LoginOption::Normal);
    QVERIFY(opened.wait(kWait));
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(app.chatList()->contains(peer), kWait);
    QVERIFY(window.openChat(peer));
    const QString token = app.session()->token();

    if (killed)
        m_server.kill();
    else
        QVERIFY(m_server.terminate());
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionBanner()->isVisible(), kWait);
    const QString text = QStringLiteral("Sent across the restart");
    app.sendMessage(text);
    QVERIFY(m_server.restart());

    QTRY_VERIFY_WITH_TIMEOUT(app.session()->isLoggedIn(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(!window.connectionBanner()->isVisible(), kWait);
    // The same session, resumed: no new login, no dialog, nothing ended.
    QCOMPARE(app.session()->token(), token);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(ended.count(), 0);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!QApplication::activeModalWidget());
    MessageModel *model = app.messages();
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(model, model->rowCount() - 1), DeliveryStatus::Sent, kWait);
    auto reader = connectedSession(m_server.port());
    QVERIFY(reader && logIn(reader.get(), peer));
    QCOMPARE(copiesOf(reader.get(), me, text), 1);

    bool closed = false;
    app.closeAccount(AppController::Farewell::LogOut, [&closed] { closed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(closed, kWait);
}

QTEST_MAIN(TestGuiOutbox)
#include "tst_gui_outbox.moc"
