// Password hashing details the login path relies on. Regression (found by
// fuzz_dispatcher): the decoy hash verified for unknown users ignored the
// configured Argon2id cost, so with a cheaper cost a login for an unknown
// name took far longer than one for a real account (a name oracle, and a
// one-second stall per input under the fuzzer).
#include "core/passwords.h"

#include <QTest>

using Palomar::Server::Passwords;

class PasswordsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(Passwords::initialize()); }
    void decoyHasTheConfiguredCost();
};

void PasswordsTest::decoyHasTheConfiguredCost()
{
    const Passwords::Cost cheapest{1, 8192}; // --hash-cost minimum
    const QString real = Passwords::hashPassword(QStringLiteral("correct horse"), cheapest);
    const QString decoy = Passwords::decoyHash(cheapest);
    // "$argon2id$v=19$m=8,t=1,p=1$salt$digest": the parameters are the 4th part.
    QCOMPARE(decoy.section(QLatin1Char('$'), 3, 3), real.section(QLatin1Char('$'), 3, 3));
    QCOMPARE(Passwords::decoyHash(cheapest), decoy); // made once, then kept
    QVERIFY(!Passwords::verifyPassword(decoy, QStringLiteral("correct horse")));
    QVERIFY(Passwords::verifyPassword(real, QStringLiteral("correct horse")));
}

QTEST_GUILESS_MAIN(PasswordsTest)
#include "tst_passwords.moc"
