// palomar-admin on a stopped server (straight on its database), its usage
// errors and --version, backups and integrity checks.
#include "admintest.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Palomar::Testing;

class AdminOfflineTest : public QObject
{
    Q_OBJECT

private slots:
    void versionAndUsageErrors();
    void stoppedServer();
    void backupIsAConsistentCopy();
    void checkFindsAPlantedForeignKeyProblem();
    void invites();
    void adminSocketOption();
};

void AdminOfflineTest::versionAndUsageErrors()
{
    QProcess version;
    version.start(str(PALOMAR_ADMIN_BINARY), {str("--version")});
    QVERIFY(version.waitForFinished(20000));
    QCOMPARE(version.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(version.readAllStandardOutput()),
             str("palomar-admin " PALOMAR_VERSION "\n"));

    ServerProcess server; // never started: nothing may be touched
    const QList<QStringList> usageErrors{
        {},
        {str("frobnicate")},
        {str("ban")},
        {str("ban"), str("a"), str("b")},
        {str("users"), str("extra")},
        {str("unlock")},
        {str("unlock"), str("moe"), str("--all")},
        {str("kick"), str("moe"), str("--reason"), str("x")},
        {str("--bogus"), str("users")},
        {str("ban"), str("not a name!")},
        {str("--config"), server.dataPath() + str("/missing.ini"), str("users")},
        {str("--db"), str("mysql://x@y/z"), str("users")},
    };
    for (const QStringList &arguments : usageErrors) {
        const AdminRun run = runAdmin(server, arguments);
        QVERIFY2(run.code == 2,
                 qPrintable(arguments.join(QLatin1Char(' ')) + str(": ") + describe(run)));
        QVERIFY(run.err.startsWith(str("palomar-admin: ")));
    }
    QVERIFY(!QFileInfo::exists(server.dataPath() + str("/palomar.db")));
    const AdminRun help = runAdmin(server, {str("--help")});
    QCOMPARE(help.code, 0);
    QVERIFY(help.out.contains(str("delete-user NAME")));
    // No server, no database: a failure that says where it looked.
    if (!ServerProcess::usesPostgresql()) {
        const AdminRun none = runAdmin(server, {str("users")});
        QCOMPARE(none.code, 1);
        QVERIFY2(none.err.contains(str("no database at")), qPrintable(none.err));
    }
}

void AdminOfflineTest::stoppedServer()
{
    ServerProcess server;
    QVERIFY(server.start());
    for (const QString &name : {str("bart"), str("lisa")}) {
        TestClient client(server.port());
        QVERIFY(isOk(client.registerUser(name, kPassword)));
    }
    QVERIFY(server.terminate());
    QVERIFY(!QFileInfo::exists(server.dataPath() + str("/admin.sock")));

    const AdminRun added =
        runAdmin(server, {str("add-user"), str("maggie")}, kAdminPassword.toUtf8() + '\n');
    QVERIFY2(added.code == 0, qPrintable(describe(added)));
    const AdminRun taken =
        runAdmin(server, {str("add-user"), str("Maggie")}, kAdminPassword.toUtf8() + '\n');
    QCOMPARE(taken.code, 1);
    QVERIFY(runAdmin(server, {str("ban"), str("bart")}).code == 0);
    const AdminRun reset =
        runAdmin(server, {str("reset-password"), str("lisa")}, kAdminPassword.toUtf8() + '\n');
    QVERIFY2(reset.code == 0, qPrintable(describe(reset)));
    const AdminRun users = runAdmin(server, {str("--json"), str("users")});
    QCOMPARE(users.code, 0);
    const QJsonArray list = users.json.value(QLatin1String("users")).toArray();
    QCOMPARE(list.size(), 3);
    for (const QJsonValue &value : list)
        QCOMPARE(value.toObject().value(QLatin1String("online")).toBool(), false);

    QVERIFY(server.restart());
    TestClient client(server.port());
    QCOMPARE(errorOf(client.login(str("bart"), kPassword)), str("account_banned"));
    QCOMPARE(errorOf(client.login(str("lisa"), kPassword)), str("bad_credentials"));
    QVERIFY(isOk(client.login(str("lisa"), kAdminPassword)));
    TestClient maggie(server.port());
    QVERIFY(isOk(maggie.login(str("maggie"), kAdminPassword)));
}

void AdminOfflineTest::backupIsAConsistentCopy()
{
    ServerProcess server;
    QVERIFY(server.start());
    TestClient client(server.port());
    QVERIFY(isOk(client.registerUser(str("ned"), kPassword)));
    QTemporaryDir folder;
    const QString copy = folder.filePath(str("palomar-copy.db"));
    if (ServerProcess::usesPostgresql()) {
        const AdminRun run = runAdmin(server, {str("backup"), copy});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains(str("pg_dump")), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(copy));
        return;
    }
    // Online, while the server runs.
    const AdminRun run = runAdmin(server, {str("--json"), str("backup"), copy});
    QVERIFY2(run.code == 0, qPrintable(describe(run)));
    QCOMPARE(run.json.value(QLatin1String("path")).toString(), copy);
    QCOMPARE(QFileInfo(copy).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    QCOMPARE(sqliteIntegrity(copy), str("ok"));
    QCOMPARE(sqliteValue(copy, str("SELECT COUNT(*) FROM users")).toInt(), 1);
    QCOMPARE(sqliteValue(copy, str("SELECT name FROM users")).toString(), str("ned"));
    // An existing file is never overwritten.
    const AdminRun again = runAdmin(server, {str("backup"), copy});
    QCOMPARE(again.code, 1);
    QVERIFY2(again.err.contains(str("exists")), qPrintable(again.err));
    QCOMPARE(sqliteIntegrity(copy), str("ok"));
    // And on a stopped server.
    QVERIFY(server.terminate());
    const QString second = folder.filePath(str("second.db"));
    QCOMPARE(runAdmin(server, {str("backup"), second}).code, 0);
    QCOMPARE(sqliteValue(second, str("SELECT COUNT(*) FROM users")).toInt(), 1);
}

void AdminOfflineTest::checkFindsAPlantedForeignKeyProblem()
{
    ServerProcess server;
    QVERIFY(server.start());
    for (const QString &name : {str("bart"), str("lisa")}) {
        TestClient client(server.port());
        QVERIFY(isOk(client.registerUser(name, kPassword)));
    }
    QVERIFY(befriend(server.port(), str("bart"), str("lisa")));
    TestClient bart(server.port());
    QVERIFY(isOk(bart.login(str("bart"), kPassword)));
    QVERIFY(isOk(bart.request(str("send"), {{str("to"), str("lisa")}, {str("text"), str("hi")}})));
    const AdminRun sound = runAdmin(server, {str("check")});
    QVERIFY2(sound.code == 0, qPrintable(describe(sound)));
    QVERIFY(server.terminate());

    {
        // The operator's DELETE, foreign keys bypassed.
        TestDatabase db(server);
        QVERIFY(db.isOpen());
        if (ServerProcess::usesPostgresql())
            QVERIFY(db.exec(str("SET session_replication_role = replica")));
        QVERIFY(db.exec(str("DELETE FROM users WHERE name_key = 'bart'")));
    }
    const AdminRun check = runAdmin(server, {str("--json"), str("check")});
    QVERIFY2(check.code == 1, qPrintable(describe(check)));
    QCOMPARE(check.json.value(QLatin1String("sound")).toBool(), false);
    QStringList tables;
    for (const QJsonValue &problem : check.json.value(QLatin1String("problems")).toArray())
        tables.append(problem.toObject().value(QLatin1String("table")).toString());
    for (const QString &table : {str("friendships"), str("inbox_seqs"), str("messages")})
        QVERIFY2(tables.contains(table), qPrintable(tables.join(QLatin1Char(' '))));
    const AdminRun text = runAdmin(server, {str("check")});
    QCOMPARE(text.code, 1);
    QVERIFY2(text.out.contains(str("problems found")), qPrintable(text.out));
}

void AdminOfflineTest::invites()
{
    ServerProcess server;
    QVERIFY(server.start());
    const AdminRun created = runAdmin(
        server, {str("--json"), str("invite"), str("create"), str("--note"), str("for ned")});
    QVERIFY2(created.code == 0, qPrintable(describe(created)));
    const QString code = created.json.value(QLatin1String("code")).toString();
    QVERIFY2(QRegularExpression(str("^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$"))
                 .match(code)
                 .hasMatch(),
             qPrintable(code));
    // Seven days by default.
    const qint64 expires = created.json.value(QLatin1String("expires")).toInteger();
    const qint64 week = 7 * 86400 * 1000LL;
    QVERIFY(qAbs(expires - QDateTime::currentMSecsSinceEpoch() - week) < 10 * 60 * 1000);
    const AdminRun unlimited = runAdmin(
        server, {str("--json"), str("invite"), str("create"), str("--expires"), str("never")});
    QCOMPARE(unlimited.code, 0);
    QVERIFY(unlimited.json.value(QLatin1String("expires")).isNull());
    for (const QStringList &usage :
         QList<QStringList>{{str("invite")},
                            {str("invite"), str("create"), str("--expires"), str("2x")},
                            {str("invite"), str("list"), str("--note"), str("x")},
                            {str("invite"), str("revoke")}}) {
        const AdminRun run = runAdmin(server, usage);
        QVERIFY2(run.code == 2, qPrintable(describe(run)));
    }

    // Revoked once; a second time is a failure. Codes are typed any way.
    const AdminRun revoked =
        runAdmin(server, {str("invite"), str("revoke"), code.toLower().remove(QLatin1Char('-'))});
    QVERIFY2(revoked.code == 0, qPrintable(describe(revoked)));
    QCOMPARE(runAdmin(server, {str("invite"), str("revoke"), code}).code, 1);
    QCOMPARE(runAdmin(server, {str("invite"), str("revoke"), str("NOPE-NOPE-NOPE")}).code, 1);

    QVERIFY(server.terminate());
    const AdminRun offline =
        runAdmin(server, {str("invite"), str("create"), str("--expires"), str("12h")});
    QVERIFY2(offline.code == 0, qPrintable(describe(offline)));
    const AdminRun list = runAdmin(server, {str("--json"), str("invite"), str("list")});
    QCOMPARE(list.code, 0);
    const QJsonArray invites = list.json.value(QLatin1String("invites")).toArray();
    QCOMPARE(invites.size(), 3);
    QCOMPARE(invites.at(0).toObject().value(QLatin1String("code")).toString(), code);
    QCOMPARE(invites.at(0).toObject().value(QLatin1String("state")).toString(), str("revoked"));
    QCOMPARE(invites.at(0).toObject().value(QLatin1String("note")).toString(), str("for ned"));
    QCOMPARE(invites.at(1).toObject().value(QLatin1String("state")).toString(), str("usable"));
    const AdminRun text = runAdmin(server, {str("invite"), str("list")});
    QVERIFY2(text.out.contains(code) && text.out.contains(str("3 invites")), qPrintable(text.out));
}

void AdminOfflineTest::adminSocketOption()
{
    QTemporaryDir folder;
    const QString socket = folder.filePath(str("admin.sock"));
    ServerProcess server({str("--admin-socket"), socket});
    QVERIFY(server.start());
    QVERIFY(QFileInfo::exists(socket));
    QCOMPARE(QFileInfo(socket).permissions() & (QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                QFileDevice::ReadOther | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    const AdminRun through = runAdmin(server, {str("--admin-socket"), socket, str("stats")});
    QVERIFY2(through.code == 0 && through.err.isEmpty(), qPrintable(describe(through)));
    if (!ServerProcess::usesPostgresql()) {
        // Not told where the socket is: it works on the file, and says so.
        const AdminRun direct = runAdmin(server, {str("stats")});
        QCOMPARE(direct.code, 0);
        QVERIFY2(direct.err.contains(str("does not answer")), qPrintable(direct.err));
    }
    // A second server does not take over a socket that answers; it serves
    // without one.
    ServerProcess second({str("--admin-socket"), socket});
    QVERIFY(second.start());
    QVERIFY2(
        second.output().contains(QByteArray(QByteArray("no admin socket: admin socket ") +
                                            socket.toUtf8() + ": another server answers there")),
        second.output().constData());
    QVERIFY(second.terminate());
    QVERIFY(QFileInfo::exists(socket)); // still the first one's
    QCOMPARE(runAdmin(server, {str("--admin-socket"), socket, str("users")}).code, 0);
    QVERIFY(server.terminate());
    QVERIFY(!QFileInfo::exists(socket));
}

QTEST_GUILESS_MAIN(AdminOfflineTest)
#include "tst_admin_offline.moc"
