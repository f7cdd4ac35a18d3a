// The account's local data is private, against a real server: the cache
// database and its folder, the pictures fetched for it and the downloads
// the app writes are for the user alone (0600 / 0700), also when an older
// version left them open; and a failed login leaves no file behind.
#include "app/appcontroller.h"
#include "cache/localcache.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "support/serverprocess.h"
#include "widgets/logindialog.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;

namespace {

constexpr QFileDevice::Permissions kPrivateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kPrivateFolder = kPrivateFile | QFileDevice::ExeOwner;

// The permission bits only (QFileInfo adds the ReadUser.. aliases).
QFileDevice::Permissions permissionsOf(const QString &path)
{
    constexpr QFileDevice::Permissions kBits =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
        QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
        QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    return QFileInfo(path).permissions() & kBits;
}

} // namespace

class TestGuiSessionFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void failedLoginCreatesNoFile();
    void cacheIsPrivate();
    void olderCacheIsTightened();
    void fetchedAndDownloadedFilesArePrivate();

private:
    // Logs `user` in through a bare controller; false on failure.
    bool logIn(AppController &controller, const QString &user);

    ServerProcess m_server;
    QTemporaryDir m_root;
};

void TestGuiSessionFiles::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.start());
    for (const char *user : {"alice", "bob", "carol"})
        QVERIFY(registerUser(m_server.port(), QString::fromLatin1(user)));
    auto alice = connectedSession(m_server.port());
    auto bob = connectedSession(m_server.port());
    QVERIFY(alice && bob);
    QVERIFY(Palomar::GuiTest::logIn(alice.get(), QStringLiteral("alice")));
    QVERIFY(Palomar::GuiTest::logIn(bob.get(), QStringLiteral("bob")));
    QVERIFY(awaitOk(alice->friendRequest(QStringLiteral("bob"))));
    QVERIFY(awaitOk(
        bob->friendRespond(QStringLiteral("alice"), ClientSession::FriendResponse::Accept)));
    QVERIFY(awaitOk(alice->logout()));
    QVERIFY(awaitOk(bob->logout()));
}

bool TestGuiSessionFiles::logIn(AppController &controller, const QString &user)
{
    QSignalSpy opened(&controller, &AppController::accountOpened);
    controller.logIn({QStringLiteral("127.0.0.1"), m_server.port()}, user, kPassword,
                     AppController::LoginMode::LogIn, ClientSession::LoginOption::Normal);
    return opened.wait(kWait) && controller.session()->isLoggedIn();
}

void TestGuiSessionFiles::failedLoginCreatesNoFile()
{
    const QString folder = m_root.filePath(QStringLiteral("failed"));
    AppController controller;
    controller.setCacheDirectory(folder);
    LoginDialog dialog(&controller);
    dialog.show();
    auto *submit = findByAccessibleName<QPushButton>(&dialog, QStringLiteral("submit"));
    findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("server"))->setText(m_server.address());
    // No such user, then a user who never logged in here with a wrong password.
    for (const QString &user : {QStringLiteral("mallory"), QStringLiteral("carol")}) {
        findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("user"))->setText(user);
        findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("password"))
            ->setText(QStringLiteral("not the password"));
        QTest::mouseClick(submit, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog.errorText().contains(QStringLiteral("Wrong username or password")), kWait);
        QVERIFY(!controller.hasAccount());
    }
    QDir dir(folder);
    QVERIFY2(!dir.exists() || dir.isEmpty(),
             qPrintable(dir.entryList(QDir::NoDotAndDotDot | QDir::AllEntries).join(u' ')));
    // The right password then makes carol's cache.
    findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("password"))->setText(kPassword);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(submit, Qt::LeftButton);
    QVERIFY(accepted.wait(kWait));
    QVERIFY(controller.hasAccount());
    QVERIFY(QFileInfo::exists(controller.cache()->path()));
    bool done = false;
    controller.closeAccount(AppController::Farewell::LogOut, [&done] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
}

void TestGuiSessionFiles::cacheIsPrivate()
{
    const QString folder = m_root.filePath(QStringLiteral("new/profile/cache"));
    AppController controller;
    controller.setCacheDirectory(folder);
    QVERIFY(logIn(controller, QStringLiteral("alice")));
    const QString path = controller.cache()->path();
    QCOMPARE(QFileInfo(path).absolutePath(), QDir(folder).absolutePath());
    QCOMPARE(permissionsOf(path), kPrivateFile);
    QCOMPARE(permissionsOf(folder), kPrivateFolder);
    QCOMPARE(permissionsOf(m_root.filePath(QStringLiteral("new/profile"))), kPrivateFolder);
    controller.cache()->commit(); // the write-ahead log exists once something is written
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFileInfo::exists(path + suffix))
            QCOMPARE(permissionsOf(path + suffix), kPrivateFile);
    }
    bool done = false;
    controller.closeAccount(AppController::Farewell::LogOut, [&done] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
}

void TestGuiSessionFiles::olderCacheIsTightened()
{
    // What an older version left: a world-readable folder and database.
    const QString folder = m_root.filePath(QStringLiteral("old"));
    const QFileDevice::Permissions open =
        kPrivateFile | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::setPermissions(folder, open | QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                                              QFileDevice::ExeOther));
    AppController controller;
    controller.setCacheDirectory(folder);
    const QString path =
        controller.cachePath({QStringLiteral("127.0.0.1"), m_server.port()}, QStringLiteral("bob"));
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        QFile file(path + suffix);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(file.setPermissions(open));
    }
    QVERIFY(logIn(controller, QStringLiteral("bob")));
    QCOMPARE(controller.cache()->path(), path);
    QCOMPARE(permissionsOf(folder), kPrivateFolder);
    QCOMPARE(permissionsOf(path), kPrivateFile);
    QCOMPARE(permissionsOf(path + QStringLiteral("-wal")), kPrivateFile);
    bool done = false;
    controller.closeAccount(AppController::Farewell::LogOut, [&done] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
}

void TestGuiSessionFiles::fetchedAndDownloadedFilesArePrivate()
{
    AppController alice;
    alice.setCacheDirectory(m_root.filePath(QStringLiteral("alice")));
    AppController bob;
    bob.setCacheDirectory(m_root.filePath(QStringLiteral("bob")));
    const QString downloads = m_root.filePath(QStringLiteral("downloads"));
    bob.setDownloadDirectory(downloads);
    QStringList opened;
    bob.setUrlOpener([&opened](const QUrl &url) {
        opened.append(url.toLocalFile());
        return true;
    });
    QVERIFY(logIn(alice, QStringLiteral("alice")));
    QVERIFY(logIn(bob, QStringLiteral("bob")));

    QTemporaryDir sources;
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    const QString picture = sources.filePath(QStringLiteral("cat.png"));
    QVERIFY(image.save(picture));
    const QString notes = sources.filePath(QStringLiteral("notes.txt"));
    QFile file(notes);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("private notes\n");
    file.close();
    QTRY_VERIFY_WITH_TIMEOUT(alice.chatList()->rowCount() > 0, kWait);
    alice.openChat(QStringLiteral("bob"));
    alice.sendFiles({picture, notes});

    // bob fetches the picture by itself, into the cache's media folder.
    const auto fileMessage = [&bob](const QString &name) -> std::optional<CachedMessage> {
        if (!bob.cache())
            return std::nullopt;
        const QList<CachedMessage> all = bob.cache()->messages(QStringLiteral("alice"), 0, 50);
        for (const CachedMessage &message : all) {
            if (message.isFile() && message.file.name == name)
                return message;
        }
        return std::nullopt;
    };
    QTRY_VERIFY_WITH_TIMEOUT(fileMessage(QStringLiteral("cat.png")) &&
                                 !fileMessage(QStringLiteral("cat.png"))->file.localPath.isEmpty(),
                             kWait);
    const QString fetched = fileMessage(QStringLiteral("cat.png"))->file.localPath;
    QCOMPARE(permissionsOf(fetched), kPrivateFile);
    QCOMPARE(permissionsOf(QFileInfo(fetched).absolutePath()), kPrivateFolder);

    // A click on the document downloads it into the downloads folder.
    QTRY_VERIFY_WITH_TIMEOUT(fileMessage(QStringLiteral("notes.txt")) &&
                                 fileMessage(QStringLiteral("notes.txt"))->file.fileId > 0,
                             kWait);
    bob.openFile(fileMessage(QStringLiteral("notes.txt"))->localId);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kWait);
    QCOMPARE(QFileInfo(opened.first()).absolutePath(), QDir(downloads).absolutePath());
    QCOMPARE(permissionsOf(opened.first()), kPrivateFile);

    for (AppController *controller : {&alice, &bob}) {
        bool done = false;
        controller->closeAccount(AppController::Farewell::LogOut, [&done] { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
    }
}

QTEST_MAIN(TestGuiSessionFiles)
#include "tst_gui_sessionfiles.moc"
