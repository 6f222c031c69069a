"""Write a synthetic transactions Parquet file of N lines (about 4 lines per order) for the benchmarks."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

EPOCH = dt.date(2020, 1, 1)


def write_lines(
    path: Path, lines: int, customers: int, seed: int = 1, chunk: int = 2_000_000, zipf_share: float = 0.4
) -> Path:
    """Chunked, so 100 million lines never sit in memory at once. A `zipf_share` of the orders go to
    customers drawn from a Zipf distribution (exponent 1.3: the first customer gets about a quarter of
    them), the rest to customers drawn uniformly; 1.0 makes the whole customer column Zipf-distributed,
    with one very large customer."""
    rng = np.random.default_rng(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    writer: pq.ParquetWriter | None = None
    order_base = 0
    span = 5 * 365
    first = rng.integers(0, span - 30, customers)
    life = np.minimum(rng.exponential(2 * 365, customers), span - first).astype(np.int64) + 1
    try:
        for start in range(0, lines, chunk):
            n = min(chunk, lines - start)
            orders = n // 4
            order_ids = order_base + rng.integers(0, orders, n)
            order_base += orders
            order_ids.sort()
            skewed = rng.zipf(1.3, orders + 1) % customers
            cust_of_order = np.where(
                rng.random(orders + 1) < 1.0 - zipf_share, rng.integers(0, customers, orders + 1), skewed
            )
            customer = cust_of_order[order_ids - order_ids.min()]
            # each customer buys between its first day and the day it drops out (buy till you die)
            day_of_order = first[cust_of_order] + (rng.random(orders + 1) * life[cust_of_order]).astype(
                np.int64
            )
            days = day_of_order[order_ids - order_ids.min()]
            quantity = np.round(rng.gamma(2.0, 5.0, n), 2)
            returns = rng.random(n) < 0.02
            quantity[returns] *= -1
            unit = np.round(rng.uniform(5, 200, n), 2)
            amount = np.round(quantity * unit, 2)
            table = pa.table(
                {
                    "customer_id": pa.array(np.char.add("C", customer.astype(str))),
                    "date": pa.array(np.datetime64(EPOCH, "D") + days.astype("timedelta64[D]")),
                    "order_id": pa.array(np.char.add("O", order_ids.astype(str))),
                    "amount": amount,
                    "quantity": quantity,
                    "cost": np.round(amount * rng.uniform(0.6, 0.95, n), 2),
                    "list_amount": np.round(amount * rng.uniform(1.0, 1.25, n), 2),
                }
            )
            if writer is None:
                writer = pq.ParquetWriter(tmp, table.schema, compression="zstd")
            writer.write_table(table, row_group_size=1_000_000)
    finally:
        if writer is not None:
            writer.close()
    tmp.rename(path)
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument(
        "--zipf-share",
        type=float,
        default=0.4,
        help="share of orders from Zipf-drawn customers (1.0: one very large customer; default 0.4)",
    )
    args = parser.parse_args()
    write_lines(args.path, args.lines, args.customers, zipf_share=args.zipf_share)
