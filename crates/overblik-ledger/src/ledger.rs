//! The ledger: entries made durable in batches (one write for all requests that arrive while
//! the previous write is under way), the tree kept in memory for proofs, and checkpoints
//! signed on a schedule when the tree has grown. Reading the latest checkpoint never writes,
//! so anonymous readers cannot make the log sign and store anything.

use crate::checkpoint::LogKey;
use crate::entry::{AccessEntry, Salt};
use crate::tree::Tree;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use overblik_model::SubjectKey;
use rand::RngCore;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;
use tlog_tiles::{RecordProof, TreeProof};
use tokio::sync::{mpsc, oneshot, watch};

/// The most entries one write makes durable.
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

/// An entry as stored: its leaf index and salt with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub index: u64,
    pub salt: Salt,
    pub entry: AccessEntry,
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
    /// Writes `entries` and the tree hashes they add (starting at stored-hash index
    /// `first_hash`) in one durable transaction: all or nothing.
    async fn append_entries(
        &self,
        entries: &[StoredEntry],
        first_hash: u64,
        hashes: &[[u8; 32]],
    ) -> Result<(), LedgerError>;

    /// Every stored tree hash, in order.
    async fn tree_hashes(&self) -> Result<Vec<[u8; 32]>, LedgerError>;

    /// A subject's entries that `filter` selects, newest first.
    async fn subject_entries(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
    ) -> Result<Vec<StoredEntry>, LedgerError>;

    async fn put_checkpoint(&self, size: u64, note: &str) -> Result<(), LedgerError>;

    /// The checkpoint with the largest tree size.
    async fn latest_checkpoint(&self) -> Result<Option<(u64, String)>, LedgerError>;
}

struct Append {
    entry: AccessEntry,
    done: oneshot::Sender<Result<u64, LedgerError>>,
}

/// The access log of one Overblik deployment.
pub struct Ledger {
    key: LogKey,
    store: Arc<dyn LedgerStore>,
    tree: Arc<RwLock<Tree>>,
    appends: mpsc::Sender<Append>,
    /// Held while a checkpoint is signed and stored, so two signers never race.
    signing: tokio::sync::Mutex<()>,
    /// The latest signed checkpoint; waiters for a larger one watch it.
    latest: watch::Sender<Signed>,
    /// The signing schedule's interval in milliseconds, 0 while none runs.
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
    /// starts its writer. Checkpoints come from [`Ledger::sign_checkpoint`], which [`Ledger::sign_every`]
    /// calls on a schedule.
    pub async fn open(store: Arc<dyn LedgerStore>, key: LogKey) -> Result<Arc<Self>, LedgerError> {
        let tree = Tree::from_stored(store.tree_hashes().await?).map_err(LedgerError::Storage)?;
        let latest = match store.latest_checkpoint().await? {
            Some((size, note)) => {
                let signed = Signed { size, note };
                check_against(&tree, &signed, &key)?;
                signed
            }
            // Never signed: until the schedule signs what the tree holds, the empty tree's
            // checkpoint, which every later one extends (signed again at each start, not stored).
            None => Signed {
                size: 0,
                note: key.sign(0, tree.root(0)),
            },
        };
        let tree = Arc::new(RwLock::new(tree));
        let (appends, queue) = mpsc::channel(QUEUE);
        let writes = Arc::new(AtomicU64::new(0));
        tokio::spawn(write_batches(
            queue,
            store.clone(),
            tree.clone(),
            writes.clone(),
        ));
        Ok(Arc::new(Self {
            key,
            store,
            tree,
            appends,
            signing: tokio::sync::Mutex::new(()),
            latest: watch::Sender::new(latest),
            schedule_ms: AtomicU64::new(0),
            writes,
        }))
    }

    /// Records `entry` and returns its leaf index once it is durable. Callers serve the data
    /// only after this returns `Ok`.
    pub async fn record(&self, entry: AccessEntry) -> Result<u64, LedgerError> {
        let (done, answer) = oneshot::channel();
        self.appends
            .send(Append { entry, done })
            .await
            .map_err(|_| LedgerError::Stopped)?;
        answer.await.map_err(|_| LedgerError::Stopped)?
    }

    /// Records several entries; they share the writes of whatever else is waiting.
    pub async fn record_all(&self, entries: Vec<AccessEntry>) -> Result<Vec<u64>, LedgerError> {
        let mut answers = Vec::with_capacity(entries.len());
        for entry in entries {
            let (done, answer) = oneshot::channel();
            self.appends
                .send(Append { entry, done })
                .await
                .map_err(|_| LedgerError::Stopped)?;
            answers.push(answer);
        }
        let mut indexes = Vec::with_capacity(answers.len());
        for answer in answers {
            indexes.push(answer.await.map_err(|_| LedgerError::Stopped)??);
        }
        Ok(indexes)
    }

    /// How many durable writes the log has made since it opened.
    pub fn writes(&self) -> u64 {
        self.writes.load(Ordering::Relaxed)
    }

    /// The number of leaves durable so far.
    pub fn size(&self) -> u64 {
        self.tree.read().map(|tree| tree.len()).unwrap_or(0)
    }

    pub fn origin(&self) -> &str {
        self.key.origin()
    }

    /// The public key that verifies this log's checkpoints.
    pub fn verifier_key(&self) -> &str {
        self.key.verifier()
    }

    pub async fn entries(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
    ) -> Result<Vec<StoredEntry>, LedgerError> {
        self.store.subject_entries(subject, filter).await
    }

    /// The latest signed checkpoint, as stored: its tree size and its signed note. Never
    /// signs or writes anything.
    pub async fn checkpoint(&self) -> Result<(u64, String), LedgerError> {
        let latest = self.latest.borrow();
        Ok((latest.size, latest.note.clone()))
    }

    /// The first checkpoint that covers the first `size` leaves, waiting for the signing
    /// schedule to sign it; after twice the schedule's interval (or at once when no schedule
    /// runs) the latest checkpoint, which may then cover fewer.
    pub async fn checkpoint_covering(&self, size: u64) -> (u64, String) {
        let interval = Duration::from_millis(self.schedule_ms.load(Ordering::Relaxed));
        let mut latest = self.latest.subscribe();
        if !interval.is_zero() {
            let _ =
                tokio::time::timeout(interval * 2, latest.wait_for(|signed| signed.size >= size))
                    .await;
        }
        let latest = latest.borrow();
        (latest.size, latest.note.clone())
    }

    /// Signs and stores a checkpoint of the tree as it is now, if it has grown since the
    /// latest; returns the latest checkpoint either way.
    pub async fn sign_checkpoint(&self) -> Result<(u64, String), LedgerError> {
        let _signing = self.signing.lock().await;
        let size = self.size();
        {
            let latest = self.latest.borrow();
            if latest.size >= size {
                return Ok((latest.size, latest.note.clone()));
            }
        }
        let root = self
            .tree
            .read()
            .map_err(|_| LedgerError::Stopped)?
            .root(size);
        let note = self.key.sign(size, root);
        self.store.put_checkpoint(size, &note).await?;
        self.latest.send_replace(Signed {
            size,
            note: note.clone(),
        });
        Ok((size, note))
    }

    /// Signs a checkpoint every `interval` when the tree has grown, whatever the traffic, until
    /// the ledger is dropped: `interval` is the longest an entry waits before a signed
    /// checkpoint covers it.
    pub fn sign_every(self: &Arc<Self>, interval: Duration) -> tokio::task::JoinHandle<()> {
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
                if let Err(error) = ledger.sign_checkpoint().await {
                    tracing::error!(%error, "the access log's checkpoint could not be signed");
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

/// Refuses a stored tree that does not match the last checkpoint signed over it: the store
/// was changed behind the log's back.
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

/// The writer: takes every append waiting, seals them into leaves, writes them in one
/// transaction, then answers each. A failed write answers every waiting request with the
/// error, so none of their data is served.
async fn write_batches(
    mut queue: mpsc::Receiver<Append>,
    store: Arc<dyn LedgerStore>,
    tree: Arc<RwLock<Tree>>,
    writes: Arc<AtomicU64>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let sealed = seal(&tree, &mut batch);
        let outcome = match sealed {
            Ok((entries, grown)) => {
                let hashes: Vec<[u8; 32]> = grown.hashes.iter().map(|hash| hash.0).collect();
                match store
                    .append_entries(&entries, grown.first_hash, &hashes)
                    .await
                {
                    Ok(()) => {
                        writes.fetch_add(1, Ordering::Relaxed);
                        if let Ok(mut tree) = tree.write() {
                            tree.extend(grown);
                        }
                        Ok(entries.iter().map(|entry| entry.index).collect::<Vec<_>>())
                    }
                    Err(error) => Err(error.to_string()),
                }
            }
            Err(error) => Err(error),
        };
        match outcome {
            Ok(indexes) => {
                for (append, index) in batch.drain(..).zip(indexes) {
                    let _ = append.done.send(Ok(index));
                }
            }
            Err(error) => {
                tracing::error!(%error, "access log entries could not be written");
                for append in batch.drain(..) {
                    let _ = append.done.send(Err(LedgerError::Storage(error.clone())));
                }
            }
        }
    }
}

/// Gives each waiting entry a salt and a leaf, without changing the tree yet.
fn seal(
    tree: &RwLock<Tree>,
    batch: &mut [Append],
) -> Result<(Vec<StoredEntry>, crate::tree::Grown), String> {
    let tree = tree
        .read()
        .map_err(|_| "the tree's lock is poisoned".to_owned())?;
    let mut growth = tree.grow();
    let mut random = rand::thread_rng();
    let entries = batch
        .iter()
        .map(|append| {
            let mut salt = [0u8; 32];
            random.fill_bytes(&mut salt);
            let index = growth.push(&append.entry.commitment(&salt));
            StoredEntry {
                index,
                salt,
                entry: append.entry.clone(),
            }
        })
        .collect();
    Ok((entries, growth.finish()))
}
