// The authorization matrix: every op, tried by every kind of caller, answers
// exactly the documented ok or error code. Each row builds its own small world
// on one server (users prefixed by the row number), so rows do not depend on
// each other even when the op changes state (logout, unregister, leave ...).
//
// The world of a row: a target user T, a group G whose admin is A, with T as
// a member; A has sent a message M and a finished file F1 to G, and begun an
// upload F2 to T. The caller X is, by role:
//   anonymous  a connection that is not logged in
//   stranger   a user with no relation to anyone
//   pending    a user who has asked T to be friends (not answered)
//   friend     a friend of T
//   member     a friend of A that A added to G
//   admin      A itself
//   removed    a friend of A that A added to G and then removed
#include "servertest.h"

#include <QCryptographicHash>

using namespace Palomar::Testing;

namespace {

const QStringList kRoles{str("anonymous"), str("stranger"), str("pending"), str("friend"),
                         str("member"),    str("admin"),    str("removed")};

struct World
{
    QString prefix;
    QString target; // T
    QString admin;  // A
    QString other;  // F: a friend of A outside G (for group_add)
    QString spare;  // L: a user nobody is logged in as (for login)
    QString caller; // X (empty for anonymous)
    qint64 group = 0;
    qint64 message = 0;
    qint64 file = 0;   // F1, in G
    qint64 upload = 0; // F2, unfinished, to T
};

const QByteArray kFileData = QByteArrayLiteral("palomar");

// One op as the caller sends it, the fields filled in from the world.
struct OpCase
{
    const char *name; // the row name; the op is the part before any '/'
    std::function<QJsonObject(const World &)> fields;
    QStringList expected; // per role, in kRoles order: "ok" or an error code
};

QList<OpCase> opCases()
{
    const QString sha = QString::fromLatin1(
        QCryptographicHash::hash(kFileData, QCryptographicHash::Sha256).toHex());
    const auto none = [](const World &) { return QJsonObject{}; };
    const auto onT = [](const World &w) { return QJsonObject{{str("user"), w.target}}; };
    const auto onG = [](const World &w) { return QJsonObject{{str("group"), w.group}}; };
    const QString auth = str("auth_required");
    // Shorthand: the same answer for every logged-in role.
    const auto all = [&](const QString &answer) {
        return QStringList{auth, answer, answer, answer, answer, answer, answer};
    };
    const auto groupOnly = [&](const QString &member, const QString &admin) {
        const QString no = str("not_member");
        return QStringList{auth, no, no, no, member, admin, no};
    };
    return {
        {"hello",
         [](const World &) {
             return QJsonObject{{str("version"), 1}};
         },
         QStringList(kRoles.size(), str("ok"))},
        {"ping", none, QStringList(kRoles.size(), str("ok"))},
        {"register",
         [](const World &w) {
             return QJsonObject{{str("user"), QString(w.prefix + str("new"))},
                                {str("password"), kPassword}};
         },
         QStringList(kRoles.size(), str("ok"))},
        {"login",
         [](const World &w) {
             return QJsonObject{{str("user"), w.spare}, {str("password"), kPassword}};
         },
         QStringList(kRoles.size(), str("ok"))},
        {"resume",
         [](const World &) {
             return QJsonObject{{str("token"), str("not-a-token")}};
         },
         QStringList(kRoles.size(), str("bad_credentials"))},
        {"logout", none, all(str("ok"))},
        {"unregister",
         [](const World &) {
             return QJsonObject{{str("password"), kPassword}};
         },
         all(str("ok"))},
        {"friends", none, all(str("ok"))},
        {"groups", none, all(str("ok"))},
        {"sync",
         [](const World &) {
             return QJsonObject{{str("after"), 0}};
         },
         all(str("ok"))},
        {"friend_request",
         onT,
         {auth, str("ok"), str("request_pending"), str("already_friends"), str("ok"),
          str("already_friends"), str("ok")}},
        {"friend_respond",
         [](const World &w) {
             return QJsonObject{{str("user"), w.target}, {str("accept"), true}};
         },
         all(str("no_such_request"))},
        {"unfriend",
         onT,
         {auth, str("not_friends"), str("not_friends"), str("ok"), str("not_friends"), str("ok"),
          str("not_friends")}},
        {"send/to",
         [](const World &w) {
             return QJsonObject{{str("to"), w.target}, {str("text"), str("hi")}};
         },
         {auth, str("not_friends"), str("not_friends"), str("ok"), str("not_friends"), str("ok"),
          str("not_friends")}},
        {"send/group",
         [](const World &w) {
             return QJsonObject{{str("group"), w.group}, {str("text"), str("hi")}};
         },
         groupOnly(str("ok"), str("ok"))},
        {"read/peer",
         [](const World &w) {
             return QJsonObject{{str("peer"), w.target}, {str("up_to"), 1}};
         },
         all(str("ok"))},
        {"read/group",
         [](const World &w) {
             return QJsonObject{{str("group"), w.group}, {str("up_to"), w.message}};
         },
         groupOnly(str("ok"), str("ok"))},
        {"history/peer",
         [](const World &w) {
             return QJsonObject{{str("peer"), w.target}};
         },
         all(str("ok"))},
        {"history/group", onG, groupOnly(str("ok"), str("ok"))},
        {"message_info",
         [](const World &w) {
             return QJsonObject{{str("msg_id"), w.message}};
         },
         {auth, str("bad_request"), str("bad_request"), str("bad_request"), str("bad_request"),
          str("ok"), str("bad_request")}},
        {"group_create",
         [](const World &w) {
             return QJsonObject{{str("name"), str("new group")},
                                {str("members"), QJsonArray{w.target}}};
         },
         {auth, str("not_friends"), str("not_friends"), str("ok"), str("not_friends"), str("ok"),
          str("not_friends")}},
        {"group_add",
         [](const World &w) {
             return QJsonObject{{str("group"), w.group}, {str("user"), w.other}};
         },
         groupOnly(str("not_admin"), str("ok"))},
        {"group_remove",
         [](const World &w) {
             return QJsonObject{{str("group"), w.group}, {str("user"), w.target}};
         },
         groupOnly(str("not_admin"), str("ok"))},
        {"group_rename",
         [](const World &w) {
             return QJsonObject{{str("group"), w.group}, {str("name"), str("x")}};
         },
         groupOnly(str("not_admin"), str("ok"))},
        {"group_leave", onG, groupOnly(str("ok"), str("ok"))},
        {"group_info", onG, groupOnly(str("ok"), str("ok"))},
        {"file_begin/to",
         [sha](const World &w) {
             return QJsonObject{{str("to"), w.target},
                                {str("name"), str("a.txt")},
                                {str("size"), kFileData.size()},
                                {str("sha256"), sha}};
         },
         {auth, str("not_friends"), str("not_friends"), str("ok"), str("not_friends"), str("ok"),
          str("not_friends")}},
        {"file_begin/group",
         [sha](const World &w) {
             return QJsonObject{{str("group"), w.group},
                                {str("name"), str("a.txt")},
                                {str("size"), kFileData.size()},
                                {str("sha256"), sha}};
         },
         groupOnly(str("ok"), str("ok"))},
        {"file_chunk",
         [](const World &w) {
             return QJsonObject{{str("file_id"), w.upload},
                                {str("offset"), 0},
                                {str("data"), QString::fromLatin1(kFileData.toBase64())}};
         },
         {auth, str("no_such_file"), str("no_such_file"), str("no_such_file"), str("no_such_file"),
          str("ok"), str("no_such_file")}},
        {"file_end",
         [](const World &w) {
             return QJsonObject{{str("file_id"), w.upload}};
         },
         {auth, str("no_such_file"), str("no_such_file"), str("no_such_file"), str("no_such_file"),
          str("checksum_mismatch"), str("no_such_file")}},
        {"file_get",
         [](const World &w) {
             return QJsonObject{{str("file_id"), w.file}, {str("offset"), 0}, {str("length"), 7}};
         },
         {auth, str("no_such_file"), str("no_such_file"), str("no_such_file"), str("ok"), str("ok"),
          str("no_such_file")}},
        {"block", onT, all(str("ok"))},
        {"unblock", onT, all(str("ok"))},
        {"blocked", none, all(str("ok"))},
        // Only those who know T (friends, group co-members) see T's profile.
        {"profile",
         onT,
         {auth, str("no_such_user"), str("no_such_user"), str("ok"), str("ok"), str("ok"),
          str("no_such_user")}},
        {"set_profile",
         [](const World &) {
             return QJsonObject{{str("display_name"), str("X")}};
         },
         all(str("ok"))},
        {"set_password",
         [](const World &) {
             return QJsonObject{{str("old"), kPassword}, {str("new"), str("another password")}};
         },
         all(str("ok"))},
        {"no_such_op", none, QStringList(kRoles.size(), str("unknown_op"))},
    };
}

bool befriendOn(TestClient &asker, TestClient &answerer, const QString &askerName,
                const QString &answererName)
{
    return isOk(asker.request(str("friend_request"), {{str("user"), answererName}})) &&
           isOk(answerer.request(str("friend_respond"),
                                 {{str("user"), askerName}, {str("accept"), true}}));
}

bool failed(int line)
{
    qWarning("building the world failed at line %d", line);
    return false;
}

} // namespace

class AuthzTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void matrix_data();
    void matrix();

private:
    // Builds the row's world; `caller` is left logged in as X (or anonymous).
    bool build(const QString &role, World *world, std::unique_ptr<TestClient> *caller);

    std::unique_ptr<ServerProcess> m_server;
    int m_row = 0;
};

void AuthzTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList{str("--hash-cost"), str("minimum"), str("--durability"), str("normal"),
                    str("--rate"), str("0"), str("--max-connections-per-address"), str("0")});
    QVERIFY(m_server->start());
}

bool AuthzTest::build(const QString &role, World *w, std::unique_ptr<TestClient> *caller)
{
    const quint16 port = m_server->port();
    w->prefix = QStringLiteral("r%1_").arg(++m_row);
    w->target = w->prefix + str("T");
    w->admin = w->prefix + str("A");
    w->other = w->prefix + str("F");
    w->spare = w->prefix + str("L");
    const bool anonymous = role == QLatin1String("anonymous");
    const bool isAdmin = role == QLatin1String("admin");
    if (!anonymous)
        w->caller = isAdmin ? w->admin : w->prefix + str("X");

    TestClient t(port), a(port), f(port);
    std::unique_ptr<TestClient> x = std::make_unique<TestClient>(port);
    QStringList names{w->target, w->admin, w->other, w->spare};
    if (!anonymous && !isAdmin)
        names.append(w->caller);
    for (const QString &name : std::as_const(names)) {
        const QJsonObject registered = t.registerUser(name, kPassword);
        if (!isOk(registered)) {
            qWarning() << registered;
            return failed(__LINE__);
        }
    }
    if (!isOk(t.login(w->target, kPassword)) || !isOk(a.login(w->admin, kPassword)) ||
        !isOk(f.login(w->other, kPassword)))
        return failed(__LINE__);
    if (!anonymous && !isAdmin && !isOk(x->login(w->caller, kPassword)))
        return failed(__LINE__);
    if (!befriendOn(a, t, w->admin, w->target) || !befriendOn(a, f, w->admin, w->other))
        return failed(__LINE__);
    const QJsonObject created = a.request(
        str("group_create"), {{str("name"), str("G")}, {str("members"), QJsonArray{w->target}}});
    w->group = created.value(QLatin1String("group")).toInteger();
    if (w->group == 0)
        return failed(__LINE__);

    if (role == QLatin1String("pending") &&
        !isOk(x->request(str("friend_request"), {{str("user"), w->target}})))
        return failed(__LINE__);
    if (role == QLatin1String("friend") && !befriendOn(*x, t, w->caller, w->target))
        return failed(__LINE__);
    if (role == QLatin1String("member") || role == QLatin1String("removed")) {
        if (!befriendOn(*x, a, w->caller, w->admin) ||
            !isOk(
                a.request(str("group_add"), {{str("group"), w->group}, {str("user"), w->caller}})))
            return failed(__LINE__);
        if (role == QLatin1String("removed") &&
            !isOk(a.request(str("group_remove"),
                            {{str("group"), w->group}, {str("user"), w->caller}})))
            return failed(__LINE__);
    }

    // A's message and files to the group (and one unfinished upload to T).
    w->message = a.request(str("send"), {{str("group"), w->group}, {str("text"), str("M")}})
                     .value(QLatin1String("msg_id"))
                     .toInteger();
    const QString sha = QString::fromLatin1(
        QCryptographicHash::hash(kFileData, QCryptographicHash::Sha256).toHex());
    const QJsonObject begun = a.request(str("file_begin"), {{str("group"), w->group},
                                                            {str("name"), str("f.txt")},
                                                            {str("size"), kFileData.size()},
                                                            {str("sha256"), sha}});
    w->file = begun.value(QLatin1String("file_id")).toInteger();
    if (!isOk(a.request(str("file_chunk"),
                        {{str("file_id"), w->file},
                         {str("offset"), 0},
                         {str("data"), QString::fromLatin1(kFileData.toBase64())}})) ||
        !isOk(a.request(str("file_end"), {{str("file_id"), w->file}})))
        return failed(__LINE__);
    w->upload = a.request(str("file_begin"), {{str("to"), w->target},
                                              {str("name"), str("g.txt")},
                                              {str("size"), kFileData.size()},
                                              {str("sha256"), sha}})
                    .value(QLatin1String("file_id"))
                    .toInteger();
    if (w->message == 0 || w->upload == 0)
        return failed(__LINE__);

    if (isAdmin) {
        // The caller is A: hand over A's connection, logged in.
        a.request(str("logout"));
        const QJsonObject login = x->login(w->admin, kPassword);
        if (!isOk(login)) {
            qWarning() << login;
            return failed(__LINE__);
        }
    }
    *caller = std::move(x);
    return true;
}

void AuthzTest::matrix_data()
{
    QTest::addColumn<int>("opIndex");
    QTest::addColumn<int>("roleIndex");
    const QList<OpCase> cases = opCases();
    for (int op = 0; op < cases.size(); ++op) {
        QCOMPARE(cases.at(op).expected.size(), kRoles.size());
        for (int role = 0; role < kRoles.size(); ++role) {
            QTest::addRow("%s as %s", cases.at(op).name, qPrintable(kRoles.at(role))) << op << role;
        }
    }
}

void AuthzTest::matrix()
{
    QFETCH(int, opIndex);
    QFETCH(int, roleIndex);
    const OpCase op = opCases().at(opIndex);
    const QString role = kRoles.at(roleIndex);
    World world;
    std::unique_ptr<TestClient> caller;
    if (!m_server->isRunning()) {
        m_server->kill(); // collects its output
        QFAIL(m_server->output().right(3000).constData());
    }
    QVERIFY2(build(role, &world, &caller), "could not build the world");
    const QString name = QString::fromLatin1(op.name).section(u'/', 0, 0);
    const QJsonObject reply = caller->request(name, op.fields(world));
    QVERIFY2(!reply.isEmpty(), "no reply");
    const QString got = isOk(reply) ? str("ok") : errorOf(reply);
    QCOMPARE(got, op.expected.at(roleIndex));
}

QTEST_GUILESS_MAIN(AuthzTest)
#include "tst_authz.moc"
