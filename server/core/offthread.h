#pragma once

#include "context.h"
#include "store/store.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>

Q_DECLARE_LOGGING_CATEGORY(lcCore)

namespace Palomar::Server {

// Runs `work` on the hashing pool and then `done(result)` back on the
// connection's thread. If the connection is gone by then, `done` never runs
// (its watcher died with the connection). A StoreError thrown by `done`
// becomes an `internal` reply, as in the dispatcher.
template<typename Work, typename Done>
void runOffThread(QThreadPool &pool, CallContext &context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<Result>(context.lifetime());
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, &context, done] {
        watcher->deleteLater();
        try {
            done(watcher->result());
        } catch (const StoreError &error) {
            qCWarning(lcCore) << "store failure:" << error.what();
            context.complete(HandlerResult::error(Protocol::Error::Internal,
                                                  QStringLiteral("the server could not "
                                                                 "complete the request")));
        }
    });
    watcher->setFuture(QtConcurrent::run(&pool, std::move(work)));
}

} // namespace Palomar::Server
