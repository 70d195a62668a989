"""inbox_file: 64-bit size and mtime_ns (nanosecond mtimes overflow a 32-bit integer)

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inbox_file', schema=None) as batch_op:
        batch_op.alter_column('size', existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)
        batch_op.alter_column('mtime_ns', existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('inbox_file', schema=None) as batch_op:
        batch_op.alter_column('mtime_ns', existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
        batch_op.alter_column('size', existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
