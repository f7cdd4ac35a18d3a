#pragma once

#include "context.h"
#include "storecall.h"

#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>

namespace Palomar::Server {

// Runs `work` (password hashing) on the hashing pool, then the rest of the
// request, `done(handlers, context, result)`, as a write job on whichever
// store thread takes it (so `done` must use `handlers`, not the handler
// object that started the request). The request stays Deferred meanwhile:
// later requests on the connection wait, and `done`'s result is its reply.
template<typename Work, typename Done>
HandlerResult runOffThread(const Services &services, CallContext &context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    QtConcurrent::run(&services.hashPool, std::move(work))
        .then(QtFuture::Launch::Sync,
              [call = context.share(), done, executor = &services.executor](Result result) {
                  executor->submit(std::make_unique<RequestJob>(
                      StoreJob::Access::Write, call,
                      [done, result](HandlerSet &handlers, CallContext &call) {
                          return done(handlers, call, result);
                      }));
              });
    return HandlerResult::deferred();
}

} // namespace Palomar::Server
