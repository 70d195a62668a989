"""review votes: one row per reviewer decision on a queued document (quorum, corrections)

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'review_vote',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('reviewer', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('category', sa.Integer(), nullable=True),
        sa.Column('cecs', sa.Float(), nullable=True),
        sa.Column('reason_code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column('corrections', sa.JSON(), nullable=True),
        sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(['document_id'], ['document.document_id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('review_vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_vote_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_vote_at'), ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('review_vote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_vote_at'))
        batch_op.drop_index(batch_op.f('ix_review_vote_document_id'))
    op.drop_table('review_vote')
