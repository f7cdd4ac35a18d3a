// The interactive mode after a refused login on a terminal: bad_credentials
// does not say whether the account exists (no user enumeration), so the
// person chooses: type the password again, create the account, or quit.
#include "password.h"
#include "shell.h"
#include "terminal.h"

#include "client/clientsession.h"

namespace Palomar::Cli {

using Client::Reply;

namespace {
constexpr int kNewPasswordTries = 3;
} // namespace

void Shell::offerChoices()
{
    m_stage = Stage::AskingWhatNext;
    m_terminal->start();
    // Short enough for one line of an 80-column terminal.
    if (m_session->registration() == Client::Registration::Closed)
        m_terminal->setPrompt(QStringLiteral("Wrong password, or no account %1 (registration "
                                             "closed). [r]etry or [q]uit? ")
                                  .arg(m_options.user));
    else
        m_terminal->setPrompt(
            QStringLiteral("Wrong password, or no account %1. [r]etry, [c]reate it, or [q]uit? ")
                .arg(m_options.user));
}

void Shell::answerAccountQuestion(const QString &line)
{
    m_terminal->setPrompt(QString());
    const QString answer = line.trimmed();
    if (m_stage == Stage::AskingForInvite) {
        if (answer.isEmpty()) {
            abortWith(QStringLiteral("invite_required"),
                      QStringLiteral("no invitation code: %1 was not created").arg(m_options.user));
            return;
        }
        registerAccount(answer);
        return;
    }
    const bool closed = m_session->registration() == Client::Registration::Closed;
    if (answer.isEmpty() || answer.startsWith(QLatin1Char('r'), Qt::CaseInsensitive)) {
        retryPassword();
    } else if (!closed && answer.startsWith(QLatin1Char('c'), Qt::CaseInsensitive)) {
        createAccount();
    } else if (closed) {
        abortWith(QStringLiteral("bad_credentials"),
                  QStringLiteral("wrong password, or no account %1; registration is closed on "
                                 "this server: ask its administrator for an account")
                      .arg(m_options.user));
    } else {
        abortWith(QStringLiteral("bad_credentials"), QStringLiteral("wrong user or password"));
    }
}

void Shell::retryPassword()
{
    // Typed without echo on the terminal itself, never through the line
    // editor (and so never into its history).
    m_terminal->stop();
    QString password;
    if (!promptOnTerminal(QStringLiteral("Password for %1: ").arg(m_options.user), false,
                          &password) ||
        password.isEmpty()) {
        abortWith(QStringLiteral("no_password"), QStringLiteral("no password given"));
        return;
    }
    m_password = password;
    m_stage = Stage::Starting;
    login();
}

void Shell::createAccount()
{
    m_terminal->stop();
    for (int attempt = 0; attempt < kNewPasswordTries; ++attempt) {
        QString first, second;
        if (!promptOnTerminal(QStringLiteral("New password for %1: ").arg(m_options.user), false,
                              &first) ||
            !promptOnTerminal(QStringLiteral("Type it again: "), false, &second)) {
            abortWith(QStringLiteral("no_password"), QStringLiteral("no password given"));
            return;
        }
        if (first.isEmpty() || first != second) {
            print(first.isEmpty() ? QStringLiteral("The password cannot be empty.")
                                  : QStringLiteral("The two passwords differ; once more."));
            continue;
        }
        m_password = first;
        if (m_session->registration() == Client::Registration::Invite) {
            m_stage = Stage::AskingForInvite;
            m_terminal->start();
            print(QStringLiteral("This server registers new accounts by invitation only."));
            m_terminal->setPrompt(QStringLiteral("Invitation code (empty to give up): "));
            return;
        }
        registerAccount(QString());
        return;
    }
    abortWith(
        QStringLiteral("no_password"),
        QStringLiteral("the passwords did not match: %1 was not created").arg(m_options.user));
}

void Shell::registerAccount(const QString &invite)
{
    m_stage = Stage::Starting;
    Reply *reply = m_session->registerUser(m_options.user, m_password, invite);
    connect(reply, &Reply::finished, this, [this, reply] {
        if (reply->isOk()) {
            print(QStringLiteral("Registered %1.").arg(m_options.user));
            login();
        } else if (reply->error() == QLatin1String("user_exists")) {
            // The account exists after all: the password was what was wrong.
            print(QStringLiteral("%1 exists, so the password was wrong.").arg(m_options.user));
            offerChoices();
        } else if (reply->error() == QLatin1String("weak_password")) {
            printError(reply->error(), reply->errorMessage());
            createAccount();
        } else {
            abortWith(reply->error(), reply->errorMessage());
        }
    });
}

} // namespace Palomar::Cli
