#include "tokenstore.h"

#include <qt6keychain/keychain.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcTokens, "palomar.desktop.tokens")

namespace Palomar::Desktop {

namespace {
const QString kService = QStringLiteral("palomar");

bool isBackendMissing(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented ||
           error == QKeychain::AccessDeniedByUser || error == QKeychain::AccessDenied ||
           error == QKeychain::OtherError;
}
} // namespace

TokenStore::TokenStore(QObject *parent) : QObject(parent) {}

QString TokenStore::keyFor(const QString &host, quint16 port, const QString &user)
{
    return user.toLower() + u'@' + host + u':' + QString::number(port);
}

void TokenStore::read(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(key);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        if (job->error() == QKeychain::NoError) {
            emit tokenRead(key, job->textData());
        } else if (job->error() == QKeychain::EntryNotFound) {
            emit tokenRead(key, QString());
        } else {
            qCInfo(lcTokens) << "keychain read failed:" << job->errorString();
            if (isBackendMissing(job->error()))
                emit keychainUnavailable(job->errorString());
            emit tokenRead(key, QString());
        }
    });
    job->start();
}

void TokenStore::write(const QString &key, const QString &token)
{
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(key);
    job->setTextData(token);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        if (job->error() == QKeychain::NoError) {
            emit tokenWritten(key);
            return;
        }
        qCInfo(lcTokens) << "keychain write failed:" << job->errorString();
        emit keychainUnavailable(job->errorString());
    });
    job->start();
}

void TokenStore::check()
{
    // Reading an entry that is never written asks the backend without
    // changing anything: "not found" means a keychain answered.
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(QStringLiteral("palomar-keychain-check"));
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        const bool usable =
            job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        if (!usable)
            qCInfo(lcTokens) << "no keychain:" << job->errorString();
        emit keychainChecked(usable);
    });
    job->start();
}

void TokenStore::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(key);
    job->setAutoDelete(true);
    job->start();
}

} // namespace Palomar::Desktop
