"""pre-approval: applications, their documents, approval code sequences, terminations

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString
T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        'application',
        sa.Column('application_id', S(length=64), nullable=False),
        sa.Column('status', S(length=32), nullable=False),
        sa.Column('sponsor', S(length=300), nullable=False),
        sa.Column('title', S(length=500), nullable=False),
        sa.Column('data', sa.JSON(), nullable=True),
        sa.Column('proposal', sa.JSON(), nullable=True),
        sa.Column('primary_document_id', S(length=40), nullable=True),
        sa.Column('submitted_at', T(), nullable=False),
        sa.Column('due_at', T(), nullable=False),
        sa.Column('approval_code', S(length=64), nullable=True),
        sa.Column('decided_at', T(), nullable=True),
        sa.Column('decided_by', S(length=120), nullable=True),
        sa.Column('decision_note', S(), nullable=True),
        sa.Column('created_at', T(), nullable=False),
        sa.Column('updated_at', T(), nullable=False),
        sa.PrimaryKeyConstraint('application_id'),
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_approval_code'), ['approval_code'], unique=False)
    op.create_table(
        'application_document',
        sa.Column('document_id', S(length=40), nullable=False),
        sa.Column('application_id', S(length=64), nullable=False),
        sa.Column('role', S(length=32), nullable=False),
        sa.Column('added_at', T(), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['document.document_id'], ),
        sa.ForeignKeyConstraint(['application_id'], ['application.application_id'], ),
        sa.PrimaryKeyConstraint('document_id'),
    )
    with op.batch_alter_table('application_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_document_application_id'), ['application_id'],
                              unique=False)
    op.create_table(
        'approval_code_seq',
        sa.Column('pattern', S(length=200), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('last', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('pattern', 'year'),
    )
    op.create_table(
        'offering_termination',
        sa.Column('approval_code', S(length=64), nullable=False),
        sa.Column('terminated_on', sa.Date(), nullable=False),
        sa.Column('reason', S(), nullable=False),
        sa.Column('terminated_by', S(length=120), nullable=False),
        sa.Column('appeal_until', sa.Date(), nullable=False),
        sa.Column('created_at', T(), nullable=False),
        sa.ForeignKeyConstraint(['approval_code'], ['offering.approval_code'], ),
        sa.PrimaryKeyConstraint('approval_code'),
    )


def downgrade() -> None:
    op.drop_table('offering_termination')
    op.drop_table('approval_code_seq')
    with op.batch_alter_table('application_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_document_application_id'))
    op.drop_table('application_document')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_approval_code'))
        batch_op.drop_index(batch_op.f('ix_application_due_at'))
        batch_op.drop_index(batch_op.f('ix_application_status'))
    op.drop_table('application')
