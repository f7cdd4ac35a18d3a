// The registration policy over real sockets (docs/protocol.md, "Registration
// policy"): hello advertises it; register under open, invite and closed; the
// errors in the contract's order; an invitation code is consumed once, with
// the user it creates, and only then; two registrations racing for one code;
// the log lines; --registration and the config key.
#include "servertest.h"
#include "support/serverstore.h"

#include "core/passwords.h"
#include "store/invitecodes.h"

#include <QDateTime>

using namespace Palomar::Testing;
using Palomar::Server::InviteRecord;
using Palomar::Server::Store;

namespace {

QJsonObject registration(const QString &user, const QString &password,
                         const std::optional<QString> &invite = std::nullopt)
{
    QJsonObject fields{{str("user"), user}, {str("password"), password}};
    if (invite)
        fields.insert(str("invite"), *invite);
    return fields;
}

} // namespace

class RegistrationTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helloAdvertisesThePolicy_data();
    void helloAdvertisesThePolicy();
    void openIgnoresAnInvite();
    void closedRefusesEveryone();
    void inviteIsRequired();
    void errorsComeInTheContractsOrder_data();
    void errorsComeInTheContractsOrder();
    void anInviteIsUsedOnce();
    void unusableInvites_data();
    void unusableInvites();
    void aFailedRegistrationKeepsTheInvite();
    void racingRegistrationsForOneCode();
    void badPolicyIsAUsageError_data();
    void badPolicyIsAUsageError();

private:
    QString newInvite(std::optional<qint64> expiresAt = std::nullopt);
    std::optional<InviteRecord> inviteOf(const QString &code) { return m_store->invite(code); }

    std::unique_ptr<ServerProcess> m_open; // the built-in default
    std::unique_ptr<ServerProcess> m_invite;
    std::unique_ptr<ServerProcess> m_closed;
    std::unique_ptr<Store> m_store; // m_invite's database
};

void RegistrationTest::initTestCase()
{
    m_open = std::make_unique<ServerProcess>(QStringList{str("--hash-cost"), str("minimum")});
    m_invite = std::make_unique<ServerProcess>(
        QStringList{str("--hash-cost"), str("minimum"), str("--registration"), str("invite")});
    m_closed = std::make_unique<ServerProcess>(QStringList{str("--registration"), str("closed")});
    QVERIFY(m_open->start());
    QVERIFY(m_invite->start());
    QVERIFY(m_closed->start());
    m_store = openServerStore(*m_invite, str("registration-test"));
    QVERIFY(m_store);
    QVERIFY(Palomar::Server::Passwords::initialize());
}

QString RegistrationTest::newInvite(std::optional<qint64> expiresAt)
{
    const QString code = Palomar::Server::InviteCodes::generate();
    if (!m_store->createInvite(code, expiresAt, str("test")))
        return QString();
    return code;
}

void RegistrationTest::helloAdvertisesThePolicy_data()
{
    QTest::addColumn<int>("server");
    QTest::addColumn<QString>("policy");
    QTest::newRow("default") << 0 << str("open");
    QTest::newRow("invite") << 1 << str("invite");
    QTest::newRow("closed") << 2 << str("closed");
}

void RegistrationTest::helloAdvertisesThePolicy()
{
    QFETCH(int, server);
    QFETCH(QString, policy);
    const ServerProcess *process =
        QList<ServerProcess *>{m_open.get(), m_invite.get(), m_closed.get()}.at(server);
    TestClient client(process->port());
    const QJsonObject hello = client.request(str("hello"), {{str("version"), 1}});
    QVERIFY(isOk(hello));
    QCOMPARE(hello.value(str("registration")).toString(), policy);
    // And the extensions it speaks (docs/protocol.md §3.1): every name once.
    const QJsonArray features = hello.value(str("features")).toArray();
    QVERIFY(features.contains(str("message_info")));
    QVERIFY(features.contains(str("invites")));
    for (const char *name : {"reactions", "group_admin", "system_lines"})
        QVERIFY(features.contains(str(name)));
    QSet<QString> names;
    for (const QJsonValue &feature : features) {
        QVERIFY(feature.isString());
        names.insert(feature.toString());
    }
    QCOMPARE(names.size(), features.size());
}

void RegistrationTest::openIgnoresAnInvite()
{
    TestClient client(m_open->port());
    QVERIFY(isOk(
        client.request(str("register"), registration(str("Apu"), kPassword, str("NOT-A-CODE")))));
    QVERIFY(isOk(client.login(str("Apu"), kPassword)));
    // The field's shape is still checked.
    QCOMPARE(
        errorOf(client.request(str("register"), registration(str("Sanjay"), kPassword, str("")))),
        str("bad_request"));
}

void RegistrationTest::closedRefusesEveryone()
{
    TestClient client(m_closed->port());
    QCOMPARE(errorOf(client.request(str("register"), registration(str("Homer"), kPassword))),
             str("registration_closed"));
    QCOMPARE(errorOf(client.request(str("register"),
                                    registration(str("Homer"), kPassword, str("K7QF-3XPA-M2RT")))),
             str("registration_closed"));
    // Before the name and the password are looked at; after the shape.
    QCOMPARE(errorOf(client.request(str("register"), registration(str("no way!"), str("x")))),
             str("registration_closed"));
    QCOMPARE(errorOf(client.request(str("register"), {{str("user"), str("Homer")}})),
             str("bad_request"));
    QCOMPARE(errorOf(client.login(str("Homer"), kPassword)), str("bad_credentials"));
    QTRY_VERIFY_WITH_TIMEOUT(
        m_closed->output().contains("refused registration of Homer from 127.0.0.1 (registration is "
                                    "closed)"),
        10000);
}

void RegistrationTest::inviteIsRequired()
{
    TestClient client(m_invite->port());
    QCOMPARE(errorOf(client.request(str("register"), registration(str("Moe"), kPassword))),
             str("invite_required"));
    QCOMPARE(errorOf(client.request(str("register"), registration(str("no way!"), str("x")))),
             str("invite_required"));
    QCOMPARE(errorOf(client.login(str("Moe"), kPassword)), str("bad_credentials"));
    QTRY_VERIFY_WITH_TIMEOUT(
        m_invite->output().contains("refused registration of Moe from 127.0.0.1 (no invitation "
                                    "code)"),
        10000);
}

void RegistrationTest::errorsComeInTheContractsOrder_data()
{
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<QString>("error");
    const QString unknown = str("UNKN-OWNC-ODE2");
    const QString tooLong(65, QLatin1Char('A'));
    QTest::newRow("shape: empty invite")
        << registration(str("no way!"), str("x"), str("")) << str("bad_request");
    QTest::newRow("shape: long invite")
        << registration(str("no way!"), str("x"), tooLong) << str("bad_request");
    QTest::newRow("shape: invite not a string") << QJsonObject{{str("user"), str("Lenny")},
                                                               {str("password"), kPassword},
                                                               {str("invite"), 42}}
                                                << str("bad_request");
    QTest::newRow("username before invite")
        << registration(str("no way!"), kPassword, unknown) << str("invalid_username");
    QTest::newRow("password before invite")
        << registration(str("Lenny"), str("short"), unknown) << str("weak_password");
    QTest::newRow("user_exists before invite")
        << registration(str("Taken"), kPassword, unknown) << str("user_exists");
    QTest::newRow("then the invite")
        << registration(str("Lenny"), kPassword, unknown) << str("invalid_invite");
}

void RegistrationTest::errorsComeInTheContractsOrder()
{
    QFETCH(QJsonObject, fields);
    QFETCH(QString, error);
    TestClient client(m_invite->port());
    if (!m_store->userByName(str("Taken"))) {
        const QString code = newInvite();
        QVERIFY(isOk(client.request(str("register"), registration(str("Taken"), kPassword, code))));
    }
    QCOMPARE(errorOf(client.request(str("register"), fields)), error);
}

void RegistrationTest::anInviteIsUsedOnce()
{
    const QString code = newInvite(QDateTime::currentMSecsSinceEpoch() + 3600 * 1000);
    QVERIFY(!code.isEmpty());
    const QString typed = Palomar::Server::InviteCodes::grouped(code).toLower();
    TestClient client(m_invite->port());
    QVERIFY(isOk(client.request(str("register"), registration(str("Carl"), kPassword, typed))));
    QVERIFY(isOk(client.login(str("Carl"), kPassword)));
    const std::optional<InviteRecord> used = inviteOf(code);
    QVERIFY(used);
    QCOMPARE(used->usedBy, str("Carl"));
    QVERIFY(used->usedAt);

    TestClient other(m_invite->port());
    QCOMPARE(errorOf(other.request(str("register"), registration(str("Lenny"), kPassword, code))),
             str("invalid_invite"));
    QCOMPARE(errorOf(other.login(str("Lenny"), kPassword)), str("bad_credentials"));

    // The log names the user and shows no more than 4 characters of the code.
    const QByteArray shown = code.left(4).toUtf8() + "\xE2\x80\xA6"; // an ellipsis
    const QByteArray registered = "registered Carl with invitation code " + shown;
    const QByteArray refused = "refused registration of Lenny from 127.0.0.1 (invitation code " +
                               shown + " cannot be used)";
    QTRY_VERIFY_WITH_TIMEOUT(m_invite->output().contains(registered), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_invite->output().contains(refused), 10000);
    QVERIFY(!m_invite->output().contains(code.left(5).toUtf8()));
}

void RegistrationTest::unusableInvites_data()
{
    QTest::addColumn<int>("kind"); // 0 unknown, 1 expired, 2 revoked
    QTest::newRow("unknown") << 0;
    QTest::newRow("expired") << 1;
    QTest::newRow("revoked") << 2;
}

void RegistrationTest::unusableInvites()
{
    QFETCH(int, kind);
    QString code = str("ZZZZ-ZZZZ-ZZZZ");
    if (kind == 1)
        code = newInvite(QDateTime::currentMSecsSinceEpoch() - 1000);
    if (kind == 2) {
        code = newInvite();
        QVERIFY(m_store->revokeInvite(code));
    }
    QVERIFY(!code.isEmpty());
    const QString user = str("Unusable%1").arg(kind);
    TestClient client(m_invite->port());
    QCOMPARE(errorOf(client.request(str("register"), registration(user, kPassword, code))),
             str("invalid_invite"));
    QCOMPARE(errorOf(client.login(user, kPassword)), str("bad_credentials"));
    if (kind != 0)
        QVERIFY(!inviteOf(code)->isUsed());
}

void RegistrationTest::aFailedRegistrationKeepsTheInvite()
{
    const QString code = newInvite();
    QVERIFY(!code.isEmpty());
    TestClient client(m_invite->port());
    QVERIFY(
        isOk(client.request(str("register"), registration(str("Barney"), kPassword, newInvite()))));
    QCOMPARE(errorOf(client.request(str("register"), registration(str("barney"), kPassword, code))),
             str("user_exists"));
    QCOMPARE(errorOf(client.request(str("register"), registration(str("Lou"), str("short"), code))),
             str("weak_password"));
    QCOMPARE(
        errorOf(client.request(str("register"), registration(str("no way!"), kPassword, code))),
        str("invalid_username"));
    QVERIFY(!inviteOf(code)->isUsed());
    QVERIFY(isOk(client.request(str("register"), registration(str("Lou"), kPassword, code))));
    QCOMPARE(inviteOf(code)->usedBy, str("Lou"));
}

void RegistrationTest::racingRegistrationsForOneCode()
{
    // Both requests are in flight at once; whichever commits first wins, the
    // other finds the code used and creates nobody.
    for (int round = 0; round < 5; ++round) {
        const QString code = newInvite();
        QVERIFY(!code.isEmpty());
        const QString first = str("RaceA%1").arg(round);
        const QString second = str("RaceB%1").arg(round);
        TestClient a(m_invite->port());
        TestClient b(m_invite->port());
        const int idA = a.post(str("register"), registration(first, kPassword, code));
        const int idB = b.post(str("register"), registration(second, kPassword, code));
        const QJsonObject replyA = a.reply(idA, 30000);
        const QJsonObject replyB = b.reply(idB, 30000);
        QVERIFY2(isOk(replyA) != isOk(replyB), qPrintable(errorOf(replyA) + errorOf(replyB)));
        const QString winner = isOk(replyA) ? first : second;
        const QString loser = isOk(replyA) ? second : first;
        QCOMPARE(errorOf(isOk(replyA) ? replyB : replyA), str("invalid_invite"));
        QCOMPARE(inviteOf(code)->usedBy, winner);
        QVERIFY(m_store->userByName(winner));
        QVERIFY(!m_store->userByName(loser));
    }
}

void RegistrationTest::badPolicyIsAUsageError_data()
{
    QTest::addColumn<bool>("inFile");
    QTest::newRow("command line") << false;
    QTest::newRow("config file") << true;
}

void RegistrationTest::badPolicyIsAUsageError()
{
    QFETCH(bool, inFile);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList arguments{str("--port"), str("0"), str("--data"), dir.filePath(str("data"))};
    if (inFile) {
        const QString path = dir.filePath(str("palomar-server.ini"));
        QVERIFY(writeFile(path, "registration = invites\n"));
        arguments << str("--config") << path;
    } else {
        arguments << str("--registration") << str("invites");
    }
    const ServerExit exit = runServerToExit(arguments);
    QCOMPARE(exit.code, 2);
    QVERIFY2(exit.err.contains(str("registration must be open, invite or closed, not invites")),
             qPrintable(exit.err));
    if (inFile)
        QVERIFY2(exit.err.contains(str("palomar-server.ini:1: registration")),
                 qPrintable(exit.err));
}

QTEST_GUILESS_MAIN(RegistrationTest)
#include "tst_registration.moc"
