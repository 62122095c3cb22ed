//! The Merkle tree (RFC 6962 hashing) as the list of its stored hashes, in the layout of Go's
//! `sumdb/tlog`: appending a leaf adds hashes and never changes one, so they can be written
//! to the store as they come and read back at start.

use tlog_tiles::{Hash, HashReader, RecordProof, TreeProof};

/// Every stored hash of the tree, by stored-hash index.
#[derive(Debug, Default, Clone)]
pub struct Tree {
    hashes: Vec<Hash>,
    leaves: u64,
}

impl HashReader for Tree {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, tlog_tiles::Error> {
        indexes
            .iter()
            .map(|index| {
                usize::try_from(*index)
                    .ok()
                    .and_then(|index| self.hashes.get(index).copied())
                    .ok_or(tlog_tiles::Error::IndexesNotInTree)
            })
            .collect()
    }
}

impl Tree {
    /// A tree from the hashes a store kept, checked for the right count.
    pub fn from_stored(hashes: Vec<[u8; 32]>) -> Result<Self, String> {
        let hashes: Vec<Hash> = hashes.into_iter().map(Hash).collect();
        let mut leaves = 0;
        while tlog_tiles::stored_hash_count(leaves + 1) <= hashes.len() as u64 {
            leaves += 1;
        }
        if tlog_tiles::stored_hash_count(leaves) != hashes.len() as u64 {
            return Err(format!(
                "{} stored hashes do not make a whole tree",
                hashes.len()
            ));
        }
        Ok(Self { hashes, leaves })
    }

    /// Adds hashes a store kept after the ones this tree holds (written by another server's
    /// integrator), checked for the right count.
    pub fn extend_stored(&mut self, hashes: Vec<[u8; 32]>) -> Result<(), String> {
        let before = self.hashes.len();
        self.hashes.extend(hashes.into_iter().map(Hash));
        let stored = self.hashes.len() as u64;
        let mut leaves = self.leaves;
        while tlog_tiles::stored_hash_count(leaves + 1) <= stored {
            leaves += 1;
        }
        if tlog_tiles::stored_hash_count(leaves) != stored {
            self.hashes.truncate(before);
            return Err(format!("{stored} stored hashes do not make a whole tree"));
        }
        self.leaves = leaves;
        Ok(())
    }

    /// How many hashes the tree stores: where the store's next hash goes.
    pub fn stored_hashes(&self) -> u64 {
        self.hashes.len() as u64
    }

    pub fn len(&self) -> u64 {
        self.leaves
    }

    pub fn is_empty(&self) -> bool {
        self.leaves == 0
    }

    /// Starts appending leaves; nothing changes until [`Tree::extend`] takes the result.
    pub fn grow(&self) -> Growth<'_> {
        Growth {
            tree: self,
            pending: Vec::new(),
            next: self.leaves,
        }
    }

    /// Adds the hashes of a [`Growth`].
    pub fn extend(&mut self, growth: Grown) {
        self.hashes.extend_from_slice(&growth.hashes);
        self.leaves = growth.leaves;
    }

    /// The root hash of the tree's first `size` leaves.
    pub fn root(&self, size: u64) -> Hash {
        tlog_tiles::tree_hash(size, self).expect("the tree holds this size")
    }

    /// The proof that leaf `index` is in the tree of `size` leaves.
    pub fn inclusion(&self, size: u64, index: u64) -> Result<RecordProof, tlog_tiles::Error> {
        tlog_tiles::prove_record(size, index, self)
    }

    /// The proof that the tree of `new_size` leaves extends the tree of `old_size`.
    pub fn consistency(
        &self,
        new_size: u64,
        old_size: u64,
    ) -> Result<TreeProof, tlog_tiles::Error> {
        tlog_tiles::prove_tree(new_size, old_size, self)
    }
}

/// Leaves being appended: each sees the tree and the leaves before it in the same batch.
#[derive(Debug)]
pub struct Growth<'t> {
    tree: &'t Tree,
    pending: Vec<Hash>,
    next: u64,
}

/// The hashes a batch of leaves adds, ready for the store and then for [`Tree::extend`].
#[derive(Debug, Clone)]
pub struct Grown {
    /// The stored-hash index of the first new hash.
    pub first_hash: u64,
    pub hashes: Vec<Hash>,
    /// The tree's size with the new leaves.
    pub leaves: u64,
}

impl Growth<'_> {
    /// Appends `leaf` and returns its index.
    pub fn push(&mut self, leaf: &[u8]) -> u64 {
        let index = self.next;
        let view = Pending {
            tree: self.tree,
            pending: &self.pending,
        };
        let hashes =
            tlog_tiles::stored_hashes(index, leaf, &view).expect("every earlier hash is present");
        self.pending.extend(hashes);
        self.next += 1;
        index
    }

    /// The root hash of the tree with every leaf pushed so far.
    pub fn root(&self) -> Hash {
        let view = Pending {
            tree: self.tree,
            pending: &self.pending,
        };
        tlog_tiles::tree_hash(self.next, &view).expect("the tree holds this size")
    }

    pub fn finish(self) -> Grown {
        Grown {
            first_hash: self.tree.hashes.len() as u64,
            hashes: self.pending,
            leaves: self.next,
        }
    }
}

/// The tree with the hashes of a batch not yet added.
struct Pending<'t> {
    tree: &'t Tree,
    pending: &'t [Hash],
}

impl HashReader for Pending<'_> {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, tlog_tiles::Error> {
        let stored = self.tree.hashes.len();
        indexes
            .iter()
            .map(|index| {
                let index = usize::try_from(*index).map_err(|_| tlog_tiles::Error::BadMath)?;
                if index < stored {
                    Ok(self.tree.hashes[index])
                } else {
                    self.pending
                        .get(index - stored)
                        .copied()
                        .ok_or(tlog_tiles::Error::IndexesNotInTree)
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grown(leaves: u64) -> Tree {
        let mut tree = Tree::default();
        for leaf in 0..leaves {
            let mut growth = tree.grow();
            assert_eq!(growth.push(&leaf.to_be_bytes()), leaf);
            let grown = growth.finish();
            tree.extend(grown);
        }
        tree
    }

    #[test]
    fn roots_match_rfc_6962_for_small_trees() {
        let tree = grown(3);
        let leaf = |n: u64| tlog_tiles::record_hash(&n.to_be_bytes());
        assert_eq!(tree.root(1), leaf(0));
        let two = tlog_tiles::node_hash(leaf(0), leaf(1));
        assert_eq!(tree.root(2), two);
        assert_eq!(tree.root(3), tlog_tiles::node_hash(two, leaf(2)));
    }

    #[test]
    fn a_batch_sealed_together_gives_the_same_tree_as_one_by_one() {
        let one_by_one = grown(9);
        let mut batched = grown(4);
        let mut growth = batched.grow();
        for leaf in 4u64..9 {
            assert_eq!(growth.push(&leaf.to_be_bytes()), leaf);
        }
        let grown = growth.finish();
        assert_eq!(grown.first_hash, tlog_tiles::stored_hash_count(4));
        batched.extend(grown);
        assert_eq!(batched.len(), 9);
        assert_eq!(batched.root(9), one_by_one.root(9));
    }

    #[test]
    fn proofs_check_and_a_tree_reloads_from_its_hashes() {
        let tree = grown(13);
        let root = tree.root(13);
        let proof = tree.inclusion(13, 5).expect("a proof");
        let leaf = tlog_tiles::record_hash(&5u64.to_be_bytes());
        tlog_tiles::check_record(&proof, 13, root, 5, leaf).expect("included");
        let other = tlog_tiles::record_hash(&6u64.to_be_bytes());
        assert!(tlog_tiles::check_record(&proof, 13, root, 5, other).is_err());
        let old = tree.root(7);
        let consistency = tree.consistency(13, 7).expect("a proof");
        tlog_tiles::check_tree(&consistency, 13, root, 7, old).expect("consistent");

        let reloaded = Tree::from_stored(tree.hashes.iter().map(|hash| hash.0).collect())
            .expect("a whole tree");
        assert_eq!(reloaded.len(), 13);
        assert_eq!(reloaded.root(13), root);
        assert!(Tree::from_stored(vec![[0; 32]; 2]).is_err());

        let mut follower = grown(5);
        let more = tree.hashes[follower.hashes.len()..]
            .iter()
            .map(|hash| hash.0)
            .collect();
        follower.extend_stored(more).expect("the rest of the tree");
        assert_eq!(follower.len(), 13);
        assert_eq!(follower.root(13), root);
        assert!(follower.extend_stored(vec![[0; 32]; 1]).is_err());
        assert_eq!(follower.len(), 13, "a partial extension changes nothing");
    }

    #[test]
    fn a_growth_knows_its_root_before_it_is_added() {
        let mut tree = grown(4);
        let mut growth = tree.grow();
        growth.push(&4u64.to_be_bytes());
        growth.push(&5u64.to_be_bytes());
        let root = growth.root();
        tree.extend(growth.finish());
        assert_eq!(root, tree.root(6));
        assert_eq!(root, grown(6).root(6));
    }
}
