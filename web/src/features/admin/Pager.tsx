import { useI18n } from '../../i18n';
import { quietButton } from '../../ui/styles';
import { pageRange } from './adminShared';

/** "21–40 of 130" with Previous and Next, for a paged admin list. */
export function Pager({
  page,
  pageSize,
  shown,
  total,
  label,
  onPage,
}: {
  page: number;
  pageSize: number;
  shown: number;
  total: number;
  label: string;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  const { first, last } = pageRange(page, pageSize, shown);
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page === 1) {
    return <p className="mt-4 text-base text-stone-700 dark:text-stone-300">{t('admin.pager.count', { total })}</p>;
  }
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-3">
      <button
        type="button"
        className={quietButton}
        disabled={page <= 1}
        onClick={() => {
          onPage(page - 1);
        }}
      >
        {t('admin.pager.previous')}
      </button>
      <p className="text-base text-stone-700 dark:text-stone-300">{t('admin.pager.range', { first, last, total })}</p>
      <button
        type="button"
        className={quietButton}
        disabled={page >= lastPage}
        onClick={() => {
          onPage(page + 1);
        }}
      >
        {t('admin.pager.next')}
      </button>
    </nav>
  );
}
