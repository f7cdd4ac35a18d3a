// The Store's invitation codes: creating, listing, revoking and using them
// (once, unexpired, unrevoked; undone with the transaction that used it), and
// the code helpers, on every enabled backend (see storetest.h).
#include "storetest.h"

#include "store/invitecodes.h"

#include "core/passwords.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Palomar::Server;
using namespace StoreTest;

namespace {

const QString kCode = QStringLiteral("K7QF3XPAM2RT");

std::optional<InviteRecord> inviteOf(Store &store, const QString &code)
{
    const std::optional<InviteRecord> found = store.invite(code);
    for (const InviteRecord &invite : store.invites()) {
        if (invite.code == code && found && found->code == code)
            return invite;
    }
    return std::nullopt;
}

} // namespace

class TestStoreInvites : public StoreTestCase
{
    Q_OBJECT

private slots:
    void createAndList();
    void duplicateCodeIsRefused();
    void codesAreNormalised();
    void useOnce();
    void expiredOrRevokedOrUnknownIsNotUsed();
    void revokeOnlyUnused();
    void rolledBackUseKeepsTheInvite();
    void generatedCodes();
    void groupedAndRedacted();
};

void TestStoreInvites::createAndList()
{
    QVERIFY(m_store->invites().isEmpty());
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(m_store->createInvite(kCode, 5000, QStringLiteral("for Marge")));
    QVERIFY(m_store->createInvite(QStringLiteral("AAAABBBBCCCC"), std::nullopt, QString()));

    const QList<InviteRecord> invites = m_store->invites();
    QCOMPARE(invites.size(), 2);
    const std::optional<InviteRecord> first = inviteOf(*m_store, kCode);
    QVERIFY(first);
    QVERIFY(first->createdAt >= before);
    QCOMPARE(first->expiresAt, std::optional<qint64>(5000));
    QCOMPARE(first->note, QStringLiteral("for Marge"));
    QVERIFY(first->usedBy.isEmpty());
    QVERIFY(!first->usedAt);
    QVERIFY(!first->revoked);
    QVERIFY(first->isUsable(4999));
    QVERIFY(!first->isUsable(5000));
    const std::optional<InviteRecord> second = inviteOf(*m_store, QStringLiteral("AAAABBBBCCCC"));
    QVERIFY(second);
    QVERIFY(!second->expiresAt);
    QCOMPARE(second->note, QString());
    QVERIFY(second->isUsable(std::numeric_limits<qint64>::max()));
}

void TestStoreInvites::duplicateCodeIsRefused()
{
    QVERIFY(m_store->createInvite(kCode, std::nullopt, QStringLiteral("one")));
    QVERIFY(!m_store->createInvite(kCode, 9000, QStringLiteral("two")));
    QVERIFY(!m_store->createInvite(QStringLiteral("k7qf-3xpa-m2rt"), 9000, QString()));
    QCOMPARE(m_store->invites().size(), 1);
    QCOMPARE(m_store->invites().constFirst().note, QStringLiteral("one"));
}

void TestStoreInvites::codesAreNormalised()
{
    QVERIFY(m_store->createInvite(QStringLiteral("k7qf-3xpa-m2rt"), std::nullopt, QString()));
    QCOMPARE(m_store->invites().constFirst().code, kCode);
    QVERIFY(m_store->invite(QStringLiteral("k7qf-3XPA-m2rt")));
    QVERIFY(!m_store->invite(QStringLiteral("K7QF-3XPA-M2RU")));
    QVERIFY(m_store->useInvite(QStringLiteral(" K7qf 3XPA-m2rt "), QStringLiteral("homer"), 10));
    QCOMPARE(m_store->invites().constFirst().usedBy, QStringLiteral("homer"));
}

void TestStoreInvites::useOnce()
{
    QVERIFY(m_store->createInvite(kCode, 5000, QString()));
    QVERIFY(m_store->useInvite(kCode, QStringLiteral("Homer"), 4000));
    QVERIFY(!m_store->useInvite(kCode, QStringLiteral("marge"), 4001));

    const std::optional<InviteRecord> invite = inviteOf(*m_store, kCode);
    QVERIFY(invite);
    QCOMPARE(invite->usedBy, QStringLiteral("Homer"));
    QCOMPARE(invite->usedAt, std::optional<qint64>(4000));
    QVERIFY(invite->isUsed());
    QVERIFY(!invite->isUsable(4000));
}

void TestStoreInvites::expiredOrRevokedOrUnknownIsNotUsed()
{
    QVERIFY(m_store->createInvite(QStringLiteral("EXPIRES00000"), 5000, QString()));
    QVERIFY(m_store->createInvite(QStringLiteral("REVOKED00000"), std::nullopt, QString()));
    QVERIFY(m_store->revokeInvite(QStringLiteral("REVOKED00000")));

    QVERIFY(!m_store->useInvite(QStringLiteral("EXPIRES00000"), QStringLiteral("a"), 5000));
    QVERIFY(!m_store->useInvite(QStringLiteral("REVOKED00000"), QStringLiteral("a"), 10));
    QVERIFY(!m_store->useInvite(QStringLiteral("UNKNOWN00000"), QStringLiteral("a"), 10));
    for (const InviteRecord &invite : m_store->invites())
        QVERIFY2(!invite.isUsed(), qPrintable(invite.code));
    // The expiry is exclusive: usable until the millisecond before.
    QVERIFY(m_store->useInvite(QStringLiteral("EXPIRES00000"), QStringLiteral("a"), 4999));
}

void TestStoreInvites::revokeOnlyUnused()
{
    QVERIFY(m_store->createInvite(kCode, std::nullopt, QString()));
    QVERIFY(m_store->createInvite(QStringLiteral("USED00000000"), std::nullopt, QString()));
    QVERIFY(m_store->useInvite(QStringLiteral("USED00000000"), QStringLiteral("bart"), 10));

    QVERIFY(!m_store->revokeInvite(QStringLiteral("NOSUCHCODE00")));
    QVERIFY(!m_store->revokeInvite(QStringLiteral("USED00000000")));
    QVERIFY(m_store->revokeInvite(QStringLiteral("k7qf-3xpa-m2rt")));
    QVERIFY(!m_store->revokeInvite(kCode)); // already
    QVERIFY(inviteOf(*m_store, kCode)->revoked);
    QVERIFY(!inviteOf(*m_store, QStringLiteral("USED00000000"))->revoked);
}

void TestStoreInvites::rolledBackUseKeepsTheInvite()
{
    QVERIFY(m_store->createInvite(kCode, std::nullopt, QString()));
    {
        Store::Transaction transaction(*m_store);
        QVERIFY(m_store->createUser(QStringLiteral("homer"), QStringLiteral("h"), 10));
        QVERIFY(m_store->useInvite(kCode, QStringLiteral("homer"), 10));
        // no commit: the registration failed after all
    }
    QVERIFY(!inviteOf(*m_store, kCode)->isUsed());
    QVERIFY(!m_store->userByName(QStringLiteral("homer")));
    {
        Store::Transaction transaction(*m_store);
        QVERIFY(m_store->createUser(QStringLiteral("marge"), QStringLiteral("m"), 20));
        QVERIFY(m_store->useInvite(kCode, QStringLiteral("marge"), 20));
        transaction.commit();
    }
    QCOMPARE(inviteOf(*m_store, kCode)->usedBy, QStringLiteral("marge"));
}

void TestStoreInvites::generatedCodes()
{
    QVERIFY(Passwords::initialize());
    const QRegularExpression shape(QStringLiteral("^[2-9A-HJ-NP-Z]{12}$"));
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString code = InviteCodes::generate();
        QVERIFY2(shape.match(code).hasMatch(), qPrintable(code));
        QCOMPARE(InviteCodes::normalise(code), code);
        seen.insert(code);
    }
    QCOMPARE(seen.size(), 200);
    const QString code = InviteCodes::generate();
    QVERIFY(m_store->createInvite(code, std::nullopt, QString()));
    QVERIFY(m_store->useInvite(InviteCodes::grouped(code).toLower(), QStringLiteral("a"), 1));
}

void TestStoreInvites::groupedAndRedacted()
{
    QCOMPARE(InviteCodes::normalise(QStringLiteral(" k7qf-3xPa m2rt")), kCode);
    QCOMPARE(InviteCodes::grouped(kCode), QStringLiteral("K7QF-3XPA-M2RT"));
    QCOMPARE(InviteCodes::grouped(QStringLiteral("k7qf3")), QStringLiteral("K7QF-3"));
    QCOMPARE(InviteCodes::redacted(QStringLiteral("k7qf-3xpa-m2rt")), QStringLiteral("K7QF…"));
}

QTEST_GUILESS_MAIN(TestStoreInvites)
#include "tst_store_invites.moc"
