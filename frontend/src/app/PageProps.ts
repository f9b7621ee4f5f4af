/** What every page is given by the shell: the record to open, when the search found one. */
export interface PageProps {
  openId?: string;
}
