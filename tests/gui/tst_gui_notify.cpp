// Notifications where there is no system tray: the freedesktop notification
// service over D-Bus, played by a fake service on a private session bus (a
// dbus-daemon of the test's own), with messages from a real server. One
// notification per chat (replaces_id), the sender and a preview, the sound
// as the settings say, none while the window is active, and a click opens
// the chat.
#include "app/appcontroller.h"
#include "app/appsettings.h"
#include "app/traynotifier.h"
#include "guitestutil.h"
#include "support/serverprocess.h"
#include "widgets/mainwindow.h"

#include <QDBusConnection>
#include <QDBusError>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
} // namespace

// What a desktop's notification daemon does, as far as the app can tell:
// it numbers notifications, keeps the number of one that is replaced, and
// says when one is clicked.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString appName;
        uint replacesId = 0;
        QString icon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        uint id = 0;
    };
    QList<Call> calls;

public slots:
    uint Notify(const QString &appName, uint replacesId, const QString &icon,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int)
    {
        const uint id = replacesId != 0 ? replacesId : ++m_lastId;
        calls.append({appName, replacesId, icon, summary, body, actions, hints, id});
        return id;
    }
    QStringList GetCapabilities() const
    {
        return {QStringLiteral("body"), QStringLiteral("actions"), QStringLiteral("sound")};
    }
    void CloseNotification(uint id) { emit NotificationClosed(id, 3); }

signals:
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);

private:
    uint m_lastId = 40;
};

class TestGuiNotify : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void notifiesWithSenderPreviewAndSound();
    void oneNotificationPerChat();
    void settingsAreHonoured();
    void noneWhileTheWindowIsActive();
    void clickOpensTheChat();

private:
    // bob (or carol) writes to alice; returns once alice's app has it.
    void send(ClientSession *from, const QString &text);

    ServerProcess m_server;
    QTemporaryDir m_cacheDir;
    QProcess m_bus;
    FakeNotifications m_fake;
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    TrayNotifier *m_notifier = nullptr;
    std::unique_ptr<ClientSession> m_bob;
    std::unique_ptr<ClientSession> m_carol;
};

void TestGuiNotify::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (QSystemTrayIcon::isSystemTrayAvailable())
        QSKIP("this platform has a system tray: notifications go through it");
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    QVERIFY2(!daemon.isEmpty(), "dbus-daemon is not installed (scripts/deps.sh installs it)");
    m_bus.start(daemon, {QStringLiteral("--session"), QStringLiteral("--nofork"),
                         QStringLiteral("--print-address")});
    QVERIFY(m_bus.waitForStarted(kWait));
    QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), kWait);
    const QString address = QString::fromUtf8(m_bus.readLine()).trimmed();
    QVERIFY(!address.isEmpty());

    QDBusConnection service = QDBusConnection::connectToBus(address, QStringLiteral("service"));
    QVERIFY2(service.isConnected(), qPrintable(service.lastError().message()));
    QVERIFY(service.registerObject(
        kPath, &m_fake, QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
    QVERIFY(service.registerService(kService));
    QDBusConnection app = QDBusConnection::connectToBus(address, QStringLiteral("app"));
    QVERIFY(app.isConnected());

    QVERIFY(m_server.start());
    for (const char *user : {"alice", "bob", "carol"})
        QVERIFY(registerUser(m_server.port(), QString::fromLatin1(user)));
    m_bob = connectedSession(m_server.port());
    m_carol = connectedSession(m_server.port());
    QVERIFY(m_bob && m_carol);
    QVERIFY(logIn(m_bob.get(), QStringLiteral("bob")));
    QVERIFY(logIn(m_carol.get(), QStringLiteral("carol")));
    auto alice = connectedSession(m_server.port());
    QVERIFY(alice && logIn(alice.get(), QStringLiteral("alice")));
    for (ClientSession *friendOf : {m_bob.get(), m_carol.get()}) {
        QVERIFY(awaitOk(alice->friendRequest(friendOf->user())));
        QVERIFY(awaitOk(friendOf->friendRespond(QStringLiteral("alice"),
                                                ClientSession::FriendResponse::Accept)));
    }
    QVERIFY(awaitOk(alice->logout()));

    m_controller = std::make_unique<AppController>();
    m_controller->setCacheDirectory(m_cacheDir.path());
    m_window = std::make_unique<MainWindow>(m_controller.get());
    m_notifier = new TrayNotifier(m_controller.get(), m_window.get(), m_window.get(), app);
    QVERIFY(!m_notifier->isAvailable()); // no tray: D-Bus it is
    QSignalSpy opened(m_controller.get(), &AppController::accountOpened);
    m_controller->logIn({QStringLiteral("127.0.0.1"), m_server.port()}, QStringLiteral("alice"),
                        kPassword, AppController::LoginMode::LogIn,
                        ClientSession::LoginOption::Normal);
    QVERIFY(opened.wait(kWait));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->openChat(QStringLiteral("carol")), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->openChat(QStringLiteral("bob")), kWait);
    m_controller->openChat(QString());
}

void TestGuiNotify::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    if (m_bus.state() != QProcess::NotRunning) {
        m_bus.kill();
        m_bus.waitForFinished(kWait);
    }
}

void TestGuiNotify::init()
{
    AppSettings::setNotificationsEnabled(true);
    AppSettings::setNotificationSound(true);
    m_window->hide();
    QVERIFY(!m_window->isActiveWindow());
    m_fake.calls.clear();
}

void TestGuiNotify::send(ClientSession *from, const QString &text)
{
    QSignalSpy arrived(m_controller.get(), &AppController::incomingMessageArrived);
    QVERIFY(awaitOk(
        from->request(QStringLiteral("send"), {{QStringLiteral("to"), QStringLiteral("alice")},
                                               {QStringLiteral("text"), text}})));
    QVERIFY(arrived.count() > 0 || arrived.wait(kWait));
}

void TestGuiNotify::notifiesWithSenderPreviewAndSound()
{
    send(m_bob.get(), QStringLiteral("Are we\nstill on for lunch?"));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.calls.size(), 1, kWait);
    const FakeNotifications::Call call = m_fake.calls.first();
    QCOMPARE(call.summary, QStringLiteral("bob"));
    QCOMPARE(call.body, QStringLiteral("Are we still on for lunch?"));
    QVERIFY(!call.icon.isEmpty());
    QVERIFY(call.actions.contains(QStringLiteral("default")));
    QCOMPARE(call.hints.value(QStringLiteral("sound-name")).toString(),
             QStringLiteral("message-new-instant"));
    QVERIFY(!call.hints.contains(QStringLiteral("suppress-sound")));

    const QString longText(500, u'x');
    send(m_bob.get(), longText);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.calls.size(), 2, kWait);
    QVERIFY(m_fake.calls.last().body.size() < 200); // a preview, not the whole message
}

void TestGuiNotify::oneNotificationPerChat()
{
    send(m_carol.get(), QStringLiteral("first from carol"));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.calls.size(), 1, kWait);
    send(m_carol.get(), QStringLiteral("second from carol"));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.calls.size(), 2, kWait);
    // carol's second replaces her first; bob's is a notification of its own.
    QCOMPARE(m_fake.calls.at(1).replacesId, m_fake.calls.at(0).id);
    QCOMPARE(m_fake.calls.at(1).body, QStringLiteral("second from carol"));
    send(m_bob.get(), QStringLiteral("from bob"));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.calls.size(), 3, kWait);
    QVERIFY(m_fake.calls.at(2).id != m_fake.calls.at(0).id);
    QCOMPARE(m_fake.calls.at(2).summary, QStringLiteral("bob"));
}

void TestGuiNotify::settingsAreHonoured()
{
    AppSettings::setNotificationSound(false);
    send(m_bob.get(), QStringLiteral("quietly"));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.calls.size(), 1, kWait);
    QVERIFY(m_fake.calls.first().hints.value(QStringLiteral("suppress-sound")).toBool());
    QVERIFY(!m_fake.calls.first().hints.contains(QStringLiteral("sound-name")));

    AppSettings::setNotificationsEnabled(false);
    send(m_bob.get(), QStringLiteral("not notified"));
    AppSettings::setNotificationsEnabled(true);
    send(m_bob.get(), QStringLiteral("notified again"));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.calls.size(), 2, kWait);
    QCOMPARE(m_fake.calls.last().body, QStringLiteral("notified again"));
}

void TestGuiNotify::noneWhileTheWindowIsActive()
{
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    send(m_bob.get(), QStringLiteral("seen in the window"));
    m_window->hide();
    QTRY_VERIFY(!m_window->isActiveWindow());
    send(m_bob.get(), QStringLiteral("window gone"));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.calls.size(), 1, kWait);
    QCOMPARE(m_fake.calls.first().body, QStringLiteral("window gone"));
}

void TestGuiNotify::clickOpensTheChat()
{
    send(m_carol.get(), QStringLiteral("click me"));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake.calls.size(), 1, kWait);
    QVERIFY(m_controller->currentChat().isEmpty() ||
            m_controller->currentChat() != QStringLiteral("carol"));
    emit m_fake.ActionInvoked(m_fake.calls.first().id, QStringLiteral("default"));
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->currentChat(), QStringLiteral("carol"), kWait);
    QVERIFY(m_window->isVisible());
}

QTEST_MAIN(TestGuiNotify)
#include "tst_gui_notify.moc"
