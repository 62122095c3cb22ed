//! The ledger: entries made durable in batches (one write for all requests that arrive while
//! the previous write is under way), then given their leaves by the log's one integrator.
//!
//! Any number of servers share one store. Each writes the entries of the reads it serves as
//! pending, durably, before it serves them. One server at a time holds the store's
//! integrator lease: on a schedule it gives the pending entries their leaves in the order it
//! takes them, extends the tree and signs a checkpoint over it, all in one transaction. The
//! others follow: they read the latest checkpoint and the tree's new hashes, so each can
//! prove what the checkpoint holds. When the integrator stops, the next server to try takes
//! the lease over and goes on from what the store holds. Reading the latest checkpoint never
//! writes, so anonymous readers cannot make the log sign and store anything.

use crate::checkpoint::LogKey;
use crate::entry::{AccessEntry, Salt};
use crate::tree::Tree;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use overblik_model::SubjectKey;
use rand::RngCore;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;
use tlog_tiles::{RecordProof, TreeProof};
use tokio::sync::{mpsc, oneshot, watch};

/// The most entries one write makes durable, and the most one integration gives leaves.
const MAX_BATCH: usize = 4_096;
/// Requests waiting for the writer before new ones wait for room.
const QUEUE: usize = 16_384;

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("the access log could not be written: {0}")]
    Storage(String),
    #[error("the access log is not running")]
    Stopped,
    #[error("no such entry or tree size")]
    NotFound,
}

/// An entry as stored once integrated: its leaf index and salt with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub index: u64,
    pub salt: Salt,
    pub entry: AccessEntry,
}

/// An entry durable but not yet integrated: it has no leaf, and no checkpoint covers it yet
/// ("awaiting its seal").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingEntry {
    pub salt: Salt,
    pub entry: AccessEntry,
}

/// What the integrator needs of a pending entry: the store's id for it and its commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Queued {
    pub id: i64,
    pub commitment: [u8; 32],
}

/// What one integration writes, all or nothing: leaves for `entries` (in their order, from
/// `first_leaf`), the tree hashes they add (from stored-hash index `first_hash`), and the
/// checkpoint signed over the tree with them.
#[derive(Debug)]
pub struct Integration<'a> {
    pub entries: &'a [Queued],
    pub first_leaf: u64,
    pub first_hash: u64,
    pub hashes: &'a [[u8; 32]],
    pub size: u64,
    pub checkpoint: &'a str,
}

/// Which of a subject's entries to read.
#[derive(Debug, Clone)]
pub struct EntryFilter {
    /// Entries hidden until after this moment are left out.
    pub visible_at: DateTime<Utc>,
    /// Only entries by this actor id (an authority, say).
    pub actor: Option<String>,
    pub purpose: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// At most this many, newest first.
    pub limit: u32,
}

impl EntryFilter {
    /// Everything the citizen may see now, newest first, up to `limit`.
    pub fn visible_now(limit: u32) -> Self {
        Self {
            visible_at: Utc::now(),
            actor: None,
            purpose: None,
            from: None,
            until: None,
            limit,
        }
    }
}

/// Where the ledger keeps its entries, the tree's hashes and its checkpoints.
#[async_trait]
pub trait LedgerStore: Send + Sync {
    /// Writes `entries` as pending, durably, in one transaction: all or nothing.
    async fn append_pending(&self, entries: &[PendingEntry]) -> Result<(), LedgerError>;

    /// Takes the integrator's lease if no one holds it; `None` while another server does.
    /// The lease lasts as long as the answer is kept, and ends when it is dropped or its
    /// connection to the store breaks; nothing is integrated without it.
    async fn lead(&self) -> Result<Option<Box<dyn Integrator>>, LedgerError>;

    /// Writes entries that already have their leaves, with the tree hashes they add
    /// (from stored-hash index `first_hash`), in one transaction: for moving a log from one
    /// store to another, never for new reads.
    async fn append_entries(
        &self,
        entries: &[StoredEntry],
        first_hash: u64,
        hashes: &[[u8; 32]],
    ) -> Result<(), LedgerError>;

    /// The stored tree hashes from stored-hash index `from` on, in order.
    async fn tree_hashes(&self, from: u64) -> Result<Vec<[u8; 32]>, LedgerError>;

    /// A subject's integrated entries that `filter` selects, newest first.
    async fn subject_entries(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
    ) -> Result<Vec<StoredEntry>, LedgerError>;

    /// A subject's pending entries that `filter` selects, newest first.
    async fn pending_entries(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
    ) -> Result<Vec<PendingEntry>, LedgerError>;

    /// Stores a checkpoint signed elsewhere: for moving a log, like [`LedgerStore::append_entries`].
    async fn put_checkpoint(&self, size: u64, note: &str) -> Result<(), LedgerError>;

    /// The checkpoint with the largest tree size.
    async fn latest_checkpoint(&self) -> Result<Option<(u64, String)>, LedgerError>;
}

/// The integrator's lease on a store, held by one server at a time.
#[async_trait]
pub trait Integrator: Send {
    /// Up to `limit` pending entries, oldest first.
    async fn pending(&mut self, limit: usize) -> Result<Vec<Queued>, LedgerError>;

    /// Writes `integration` in one transaction, or nothing.
    async fn integrate(&mut self, integration: Integration<'_>) -> Result<(), LedgerError>;
}

struct Append {
    entry: AccessEntry,
    done: oneshot::Sender<Result<(), LedgerError>>,
}

/// The access log of one Overblik deployment, as one of its servers sees it.
pub struct Ledger {
    key: LogKey,
    store: Arc<dyn LedgerStore>,
    /// The tree as far as this server knows it: every leaf the latest checkpoint covers.
    tree: RwLock<Tree>,
    appends: mpsc::Sender<Append>,
    /// The integrator's lease while this server holds it. Locked for a whole round, so two
    /// rounds of one server never overlap.
    lease: tokio::sync::Mutex<Option<Box<dyn Integrator>>>,
    /// Whether the lease is held, readable without waiting for a round.
    leading: AtomicBool,
    /// The latest signed checkpoint; waiters for a larger one watch it.
    latest: watch::Sender<Signed>,
    /// The integration schedule's interval in milliseconds, 0 while none runs.
    schedule_ms: AtomicU64,
    /// Durable writes made so far, each holding every entry that was waiting.
    writes: Arc<AtomicU64>,
}

#[derive(Clone)]
struct Signed {
    size: u64,
    note: String,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger")
            .field("origin", &self.key.origin())
            .field("size", &self.size())
            .finish_non_exhaustive()
    }
}

impl Ledger {
    /// Opens the log kept in `store`, signed by `key` (whose name is the log's origin), and
    /// starts its writer. Entries get their leaves from [`Ledger::integrate`], which
    /// [`Ledger::integrate_every`] calls on a schedule.
    pub async fn open(store: Arc<dyn LedgerStore>, key: LogKey) -> Result<Arc<Self>, LedgerError> {
        let tree = Tree::from_stored(store.tree_hashes(0).await?).map_err(LedgerError::Storage)?;
        let latest = match store.latest_checkpoint().await? {
            Some((size, note)) => {
                let signed = Signed { size, note };
                check_against(&tree, &signed, &key)?;
                signed
            }
            // Never signed: until the integrator signs what the tree holds, the empty tree's
            // checkpoint, which every later one extends (signed again at each start, not stored).
            None => Signed {
                size: 0,
                note: key.sign(0, tree.root(0)),
            },
        };
        let (appends, queue) = mpsc::channel(QUEUE);
        let writes = Arc::new(AtomicU64::new(0));
        tokio::spawn(write_batches(queue, store.clone(), writes.clone()));
        Ok(Arc::new(Self {
            key,
            store,
            tree: RwLock::new(tree),
            appends,
            lease: tokio::sync::Mutex::new(None),
            leading: AtomicBool::new(false),
            latest: watch::Sender::new(latest),
            schedule_ms: AtomicU64::new(0),
            writes,
        }))
    }

    /// Records `entry` and returns once it is durable (pending, until the integrator gives
    /// it a leaf). Callers serve the data only after this returns `Ok`.
    pub async fn record(&self, entry: AccessEntry) -> Result<(), LedgerError> {
        let (done, answer) = oneshot::channel();
        self.appends
            .send(Append { entry, done })
            .await
            .map_err(|_| LedgerError::Stopped)?;
        answer.await.map_err(|_| LedgerError::Stopped)?
    }

    /// Records several entries; they share the writes of whatever else is waiting.
    pub async fn record_all(&self, entries: Vec<AccessEntry>) -> Result<(), LedgerError> {
        let mut answers = Vec::with_capacity(entries.len());
        for entry in entries {
            let (done, answer) = oneshot::channel();
            self.appends
                .send(Append { entry, done })
                .await
                .map_err(|_| LedgerError::Stopped)?;
            answers.push(answer);
        }
        for answer in answers {
            answer.await.map_err(|_| LedgerError::Stopped)??;
        }
        Ok(())
    }

    /// How many durable writes this server has made since it opened the log.
    pub fn writes(&self) -> u64 {
        self.writes.load(Ordering::Relaxed)
    }

    /// The number of leaves the latest checkpoint this server knows covers.
    pub fn size(&self) -> u64 {
        self.latest.borrow().size
    }

    pub fn origin(&self) -> &str {
        self.key.origin()
    }

    /// The public key that verifies this log's checkpoints.
    pub fn verifier_key(&self) -> &str {
        self.key.verifier()
    }

    /// A subject's integrated entries that `filter` selects, newest first.
    pub async fn entries(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
    ) -> Result<Vec<StoredEntry>, LedgerError> {
        self.store.subject_entries(subject, filter).await
    }

    /// A subject's entries awaiting their seal that `filter` selects, newest first.
    pub async fn pending(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
    ) -> Result<Vec<PendingEntry>, LedgerError> {
        self.store.pending_entries(subject, filter).await
    }

    /// A subject's entries that `filter` selects, sealed or awaiting their seal, each once,
    /// newest first. Read in this order an entry the integrator seals in between is read
    /// twice, never missed; its salt tells the two readings apart.
    pub async fn every_entry(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
    ) -> Result<Vec<AccessEntry>, LedgerError> {
        let pending = self.pending(subject, filter).await?;
        let sealed = self.entries(subject, filter).await?;
        let salts: Vec<Salt> = sealed.iter().map(|stored| stored.salt).collect();
        let mut every: Vec<AccessEntry> = pending
            .into_iter()
            .filter(|pending| !salts.contains(&pending.salt))
            .map(|pending| pending.entry)
            .chain(sealed.into_iter().map(|stored| stored.entry))
            .collect();
        every.sort_by_key(|entry| std::cmp::Reverse(entry.at));
        Ok(every)
    }

    /// The latest signed checkpoint: its tree size and its signed note, caught up with the
    /// store first (another server may be the integrator), or this server's latest when the
    /// store does not answer. Never signs or writes anything.
    pub async fn checkpoint(&self) -> Result<(u64, String), LedgerError> {
        if let Err(error) = self.follow().await {
            tracing::warn!(%error, "the access log's latest checkpoint could not be read");
        }
        let latest = self.latest.borrow();
        Ok((latest.size, latest.note.clone()))
    }

    /// Catches up with the store when this server's tree is smaller than `size` leaves (a
    /// checkpoint another server signed), so proofs up to `size` can be given.
    pub async fn reach(&self, size: u64) -> Result<(), LedgerError> {
        let known = self.tree.read().map_err(|_| LedgerError::Stopped)?.len();
        if size > known {
            self.follow().await?;
        }
        Ok(())
    }

    /// Waits for a checkpoint larger than the one of `size` leaves, for at most twice the
    /// schedule's interval (not at all when no schedule runs), and returns the latest.
    pub async fn checkpoint_after(&self, size: u64) -> (u64, String) {
        let interval = Duration::from_millis(self.schedule_ms.load(Ordering::Relaxed));
        let mut latest = self.latest.subscribe();
        if !interval.is_zero() {
            let _ =
                tokio::time::timeout(interval * 2, latest.wait_for(|signed| signed.size > size))
                    .await;
        }
        let latest = latest.borrow();
        (latest.size, latest.note.clone())
    }

    /// One round of integration: when this server holds (or can take) the integrator's
    /// lease, gives every pending entry its leaf and signs a checkpoint over the tree;
    /// otherwise follows the integrator's latest checkpoint. Returns the latest checkpoint
    /// either way. An error gives the lease up, for whichever server tries next.
    pub async fn integrate(&self) -> Result<(u64, String), LedgerError> {
        let mut lease = self.lease.lock().await;
        if lease.is_none() {
            *lease = self.store.lead().await?;
        }
        // What another integrator added before this one took over, or since this server
        // last looked.
        let mut round = self.follow().await;
        if let (Ok(()), Some(integrator)) = (&round, lease.as_mut()) {
            round = self.integrate_pending(integrator.as_mut()).await;
        }
        if round.is_err() {
            *lease = None;
        }
        self.leading.store(lease.is_some(), Ordering::Relaxed);
        round?;
        let latest = self.latest.borrow();
        Ok((latest.size, latest.note.clone()))
    }

    /// Whether this server held the integrator's lease at the end of its latest round.
    pub fn is_integrator(&self) -> bool {
        self.leading.load(Ordering::Relaxed)
    }

    /// Integrates until nothing is pending, a batch at a time, each batch with its checkpoint.
    async fn integrate_pending(&self, integrator: &mut dyn Integrator) -> Result<(), LedgerError> {
        loop {
            let queued = integrator.pending(MAX_BATCH).await?;
            let (first_leaf, grown, note) = {
                let tree = self.tree.read().map_err(|_| LedgerError::Stopped)?;
                if queued.is_empty() && self.latest.borrow().size >= tree.len() {
                    return Ok(());
                }
                let mut growth = tree.grow();
                for entry in &queued {
                    growth.push(&entry.commitment);
                }
                let root = growth.root();
                let grown = growth.finish();
                let note = self.key.sign(grown.leaves, root);
                (tree.len(), grown, note)
            };
            let size = grown.leaves;
            let hashes: Vec<[u8; 32]> = grown.hashes.iter().map(|hash| hash.0).collect();
            integrator
                .integrate(Integration {
                    entries: &queued,
                    first_leaf,
                    first_hash: grown.first_hash,
                    hashes: &hashes,
                    size,
                    checkpoint: &note,
                })
                .await?;
            self.tree
                .write()
                .map_err(|_| LedgerError::Stopped)?
                .extend(grown);
            self.latest.send_replace(Signed { size, note });
            if queued.len() < MAX_BATCH {
                return Ok(());
            }
        }
    }

    /// Catches up with the store: the tree's hashes added since this server last looked and
    /// the latest checkpoint, checked against each other before either is used.
    async fn follow(&self) -> Result<(), LedgerError> {
        let Some((size, note)) = self.store.latest_checkpoint().await? else {
            return Ok(());
        };
        if size <= self.latest.borrow().size {
            return Ok(());
        }
        // The integrator stores a checkpoint with the hashes it covers, so a tree smaller than
        // the checkpoint is all that sends this server for hashes.
        let (from, known) = {
            let tree = self.tree.read().map_err(|_| LedgerError::Stopped)?;
            (tree.stored_hashes(), tree.len())
        };
        let hashes = match size > known {
            true => self.store.tree_hashes(from).await?,
            false => Vec::new(),
        };
        let mut tree = self.tree.write().map_err(|_| LedgerError::Stopped)?;
        if tree.stored_hashes() == from && !hashes.is_empty() {
            tree.extend_stored(hashes).map_err(LedgerError::Storage)?;
        }
        // Another catch-up may have gone further meanwhile: never step back.
        if size > self.latest.borrow().size {
            let signed = Signed { size, note };
            check_against(&tree, &signed, &self.key)?;
            self.latest.send_replace(signed);
        }
        Ok(())
    }

    /// Integrates (or follows) every `interval`, whatever the traffic, until the ledger is
    /// dropped: on the integrator, `interval` is the longest an entry waits for its leaf and
    /// checkpoint; a server that is not takes the lease over within `interval` once it is free.
    pub fn integrate_every(self: &Arc<Self>, interval: Duration) -> tokio::task::JoinHandle<()> {
        let interval = interval.max(Duration::from_millis(1));
        self.schedule_ms.store(
            u64::try_from(interval.as_millis()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
        let ledger: Weak<Self> = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(interval);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                let Some(ledger) = ledger.upgrade() else {
                    return;
                };
                if let Err(error) = ledger.integrate().await {
                    tracing::error!(%error, "the access log could not integrate its entries");
                }
            }
        })
    }

    /// The proof that leaf `index` is in the tree of `size` leaves.
    pub fn inclusion(&self, size: u64, index: u64) -> Result<RecordProof, LedgerError> {
        let tree = self.tree.read().map_err(|_| LedgerError::Stopped)?;
        if size > tree.len() || index >= size {
            return Err(LedgerError::NotFound);
        }
        tree.inclusion(size, index)
            .map_err(|_| LedgerError::NotFound)
    }

    /// The proof that the tree of `new_size` leaves extends the one of `old_size`.
    pub fn consistency(&self, new_size: u64, old_size: u64) -> Result<TreeProof, LedgerError> {
        let tree = self.tree.read().map_err(|_| LedgerError::Stopped)?;
        if new_size > tree.len() || old_size > new_size {
            return Err(LedgerError::NotFound);
        }
        tree.consistency(new_size, old_size)
            .map_err(|_| LedgerError::NotFound)
    }
}

/// Refuses a stored tree that does not match a checkpoint signed over it: the store was
/// changed behind the log's back.
fn check_against(tree: &Tree, signed: &Signed, key: &LogKey) -> Result<(), LedgerError> {
    let tampered = |why: &str| {
        LedgerError::Storage(format!(
            "the stored access log does not match its checkpoint of {} entries: {why}",
            signed.size
        ))
    };
    let checkpoint = crate::checkpoint::open(&signed.note, key.verifier())
        .map_err(|error| tampered(&error.to_string()))?;
    if signed.size > tree.len() || checkpoint.size() != signed.size {
        return Err(tampered("entries are missing"));
    }
    if tree.root(signed.size) != *checkpoint.hash() {
        return Err(tampered("the tree's root differs"));
    }
    Ok(())
}

/// The writer: takes every append waiting, salts them, writes them as pending in one
/// transaction, then answers each. A failed write answers every waiting request with the
/// error, so none of their data is served.
async fn write_batches(
    mut queue: mpsc::Receiver<Append>,
    store: Arc<dyn LedgerStore>,
    writes: Arc<AtomicU64>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let entries: Vec<PendingEntry> = batch
            .iter()
            .map(|append| {
                let mut salt = [0u8; 32];
                rand::thread_rng().fill_bytes(&mut salt);
                PendingEntry {
                    salt,
                    entry: append.entry.clone(),
                }
            })
            .collect();
        match store.append_pending(&entries).await {
            Ok(()) => {
                writes.fetch_add(1, Ordering::Relaxed);
                for append in batch.drain(..) {
                    let _ = append.done.send(Ok(()));
                }
            }
            Err(error) => {
                let error = error.to_string();
                tracing::error!(%error, "access log entries could not be written");
                for append in batch.drain(..) {
                    let _ = append.done.send(Err(LedgerError::Storage(error.clone())));
                }
            }
        }
    }
}
