#pragma once

#include <memory>

#include "runtime/threads/doorbell.h"

namespace jindu::runtime {

// Rings `bell` once the calling thread has given back every connection it leased from a
// ConnectionPool. By then the transaction that asked is over (committed or rolled back), so the
// loop the bell wakes sees its commit. Called from inside a transaction whose writes a background
// loop waits for: outbox rows (the relay), applied events (the dashboard watcher). Called with no
// lease held (a connection not from a pool), it rings at once.
//
// Why not LISTEN/NOTIFY: PostgreSQL holds a cluster-wide lock from a notifying transaction's
// commit until its commit record is flushed, so every transaction that appends an event would
// commit one after another and the durable write path would lose group commit. An in-process
// bell costs nothing. The loops still poll, which covers what the bell cannot see: a lease given
// back on another thread, a transaction that rolled back (a wake that finds nothing), and writes
// made by another replica.
void RingWhenTransactionEnds(std::shared_ptr<Doorbell> bell);

// Kept by ConnectionPool: a lease was taken / given back on the calling thread. The last give-back
// rings the bells the thread's transactions asked for.
void NoteLeaseTaken();
void NoteLeaseGivenBack();

}  // namespace jindu::runtime
